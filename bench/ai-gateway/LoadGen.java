import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A small HTTP/1.1 load generator: {@code -c} keep-alive connections, each on its own thread, send the same
 * POST back-to-back (closed loop) or, with {@code --rate}, on a fixed schedule shared across the connections
 * (open loop; latency is measured from the scheduled send time, so a stall is not hidden by the client
 * waiting: no coordinated omission). Every latency after the warm-up is kept and sorted for exact percentiles.
 *
 * <pre>
 * java bench/ai-gateway/LoadGen.java --url http://127.0.0.1:18080/v1/chat/completions --body-file req.json \
 *     [-H 'Authorization: Bearer ...'] [-c 50] [-d 10] [-w 3] [--rate 500] [--label direct]
 * </pre>
 *
 * Prints a human line and a {@code RESULT label c rate rps p50_us p90_us p99_us p999_us max_us errors} line.
 */
public class LoadGen {
    public static void main(String[] args) throws Exception {
        String url = null, label = "run";
        byte[] body = new byte[0];
        List<String> headers = new ArrayList<>();
        int connections = 1;
        double duration = 10, warmup = 3, rate = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--body" -> body = args[++i].getBytes(StandardCharsets.UTF_8);
                case "--body-file" -> body = Files.readAllBytes(Path.of(args[++i]));
                case "-H" -> headers.add(args[++i]);
                case "-c" -> connections = Integer.parseInt(args[++i]);
                case "-d" -> duration = Double.parseDouble(args[++i]);
                case "-w" -> warmup = Double.parseDouble(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--label" -> label = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("--url is required");
        }
        URI uri = URI.create(url);
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        StringBuilder head = new StringBuilder()
                .append(body.length > 0 ? "POST " : "GET ")
                .append(uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                .append(" HTTP/1.1\r\nHost: ")
                .append(uri.getHost())
                .append(':')
                .append(port)
                .append("\r\nAccept: application/json\r\n");
        if (body.length > 0) {
            head.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(body.length)
                    .append("\r\n");
        }
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);

        long start = System.nanoTime() + 200_000_000L;
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (duration * 1e9);
        long interval = rate > 0 ? (long) (1e9 * connections / rate) : 0;
        Worker[] workers = new Worker[connections];
        Thread[] threads = new Thread[connections];
        for (int i = 0; i < connections; i++) {
            long offset = rate > 0 ? (long) (1e9 * i / rate) : 0;
            workers[i] = new Worker(
                    new InetSocketAddress(uri.getHost(), port), request, start + offset, interval, measureFrom, end);
            threads[i] = Thread.ofPlatform().name("load-" + i).start(workers[i]);
        }
        for (Thread t : threads) {
            t.join();
        }
        long total = 0, errors = 0;
        for (Worker w : workers) {
            total += w.count;
            errors += w.errors;
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (Worker w : workers) {
            System.arraycopy(w.latencies, 0, all, at, w.count);
            at += w.count;
        }
        Arrays.sort(all);
        double rps = total / duration;
        System.out.printf(
                "%s: c=%d rate=%s %.0f req/s, p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms,"
                        + " %d errors%s%n",
                label,
                connections,
                rate > 0 ? String.valueOf((long) rate) : "max",
                rps,
                pct(all, 50) / 1000.0,
                pct(all, 90) / 1000.0,
                pct(all, 99) / 1000.0,
                pct(all, 99.9) / 1000.0,
                all.length == 0 ? 0 : all[all.length - 1] / 1000.0,
                errors,
                workers[0].firstError == null ? "" : " (first: " + workers[0].firstError + ")");
        System.out.printf(
                "RESULT %s %d %d %.0f %d %d %d %d %d %d%n",
                label,
                connections,
                (long) rate,
                rps,
                pct(all, 50),
                pct(all, 90),
                pct(all, 99),
                pct(all, 99.9),
                all.length == 0 ? 0 : all[all.length - 1],
                errors);
    }

    /** Nearest-rank percentile in microseconds. */
    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static final class Worker implements Runnable {
        final InetSocketAddress address;
        final byte[] request;
        final long first, interval, measureFrom, end;
        long[] latencies = new long[1 << 14];
        int count;
        long errors;
        String firstError;
        Socket socket;
        InputStream in;
        OutputStream out;

        Worker(InetSocketAddress address, byte[] request, long first, long interval, long measureFrom, long end) {
            this.address = address;
            this.request = request;
            this.first = first;
            this.interval = interval;
            this.measureFrom = measureFrom;
            this.end = end;
        }

        @Override
        public void run() {
            long scheduled = first;
            while (true) {
                long now = System.nanoTime();
                if (interval > 0) {
                    while (now < scheduled) {
                        LockSupport.parkNanos(scheduled - now);
                        now = System.nanoTime();
                    }
                } else if (now < first) {
                    LockSupport.parkNanos(first - now);
                    now = System.nanoTime();
                }
                long t0 = interval > 0 ? scheduled : now;
                if (t0 >= end) {
                    break;
                }
                int status;
                try {
                    status = exchange();
                } catch (IOException e) {
                    status = -1;
                    if (firstError == null) {
                        firstError = e.toString();
                    }
                    close();
                }
                long latency = (System.nanoTime() - t0) / 1000;
                if (t0 >= measureFrom) {
                    if (status != 200) {
                        errors++;
                        if (firstError == null) {
                            firstError = "HTTP " + status;
                        }
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = latency;
                }
                scheduled += interval;
            }
            close();
        }

        /** A kept-alive connection the server closed while idle is retried once on a new one, as clients do. */
        int exchange() throws IOException {
            boolean reused = socket != null;
            try {
                return once();
            } catch (IOException e) {
                if (!reused || answered) {
                    throw e;
                }
                close();
                return once();
            }
        }

        private boolean answered;

        int once() throws IOException {
            answered = false;
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(address, 5000);
                socket.setSoTimeout(30_000);
                in = new BufferedInputStream(socket.getInputStream(), 65536);
                out = socket.getOutputStream();
            }
            out.write(request);
            out.flush();
            String status = line();
            answered = true;
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false, close = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16);
                        size > 0;
                        size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                skip(length);
            } else {
                close = true;
                in.transferTo(OutputStream.nullOutputStream());
            }
            if (close) {
                close();
            }
            return code;
        }

        private final StringBuilder lineBuffer = new StringBuilder();

        String line() throws IOException {
            lineBuffer.setLength(0);
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    lineBuffer.append((char) c);
                }
            }
            return lineBuffer.toString();
        }

        void skip(long n) throws IOException {
            while (n > 0) {
                long skipped = in.skip(n);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed");
                    }
                    skipped = 1;
                }
                n -= skipped;
            }
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
