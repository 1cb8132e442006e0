import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time to the first streamed byte, closed loop: {@code -c} workers each send a streamed request and time from the
 * send until the first byte of the answer's body, then read the rest (not timed) and send the next. Two targets:
 * {@code direct} (the fake provider's streamed chat completion) and {@code atom} (an assistant turn with
 * {@code Accept: text/event-stream}, whose first byte is the first {@code delta} event, the model's first words).
 * In {@code atom} mode each worker starts a fresh conversation every {@code --turns} turns (not timed), so history
 * stays short as in a real chat's first messages. Every sample after the warm-up is kept for exact percentiles.
 *
 * <p>With {@code --rate R} the load is open loop, as the gateway's bench ({@code bench/ai-gateway/LoadGen}): the
 * workers share a fixed schedule of R turns a second, each timed from its scheduled send, so a stall is not hidden
 * by the client waiting. Closed loop at c=50 on a small machine measures the queue (50 turns waiting for two
 * cores), not what one turn adds; a rate below saturation measures what a turn adds while 50 chats are open.
 *
 * <pre>java TtfbLoad.java --mode direct|atom --base URL [--token T] [--model M] [-c 50] [-d 15] [-w 5] [--turns 10]
 *     [--rate R]</pre>
 *
 * Prints a human line and {@code RESULT mode c count p50_us p90_us p99_us max_us errors}.
 */
public class TtfbLoad {
    public static void main(String[] args) throws Exception {
        String mode = "direct", base = null, token = "", model = "fake/fake-model";
        int workers = 50, turns = 10;
        double duration = 15, warmup = 5, rate = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> mode = args[++i];
                case "--base" -> base = args[++i];
                case "--token" -> token = args[++i];
                case "--model" -> model = args[++i];
                case "-c" -> workers = Integer.parseInt(args[++i]);
                case "-d" -> duration = Double.parseDouble(args[++i]);
                case "-w" -> warmup = Double.parseDouble(args[++i]);
                case "--turns" -> turns = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (duration * 1e9);
        ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long interval = rate > 0 ? (long) (1e9 * workers / rate) : 0;
        for (int w = 0; w < workers; w++) {
            final String m = mode, b = base, t = token, mdl = model;
            final int perConversation = turns;
            final long firstSend = start + (rate > 0 ? (long) (1e9 * w / rate) : 0);
            threads.add(Thread.ofPlatform().start(() -> {
                String conversation = null;
                int used = 0;
                long scheduled = firstSend;
                while (System.nanoTime() < end) {
                    try {
                        HttpRequest request;
                        if (m.equals("atom")) {
                            if (conversation == null || used++ >= perConversation) {
                                conversation = newConversation(client, b, t);
                                used = 1;
                            }
                            request = HttpRequest.newBuilder(URI.create(
                                            b + "/api/v1/assistant/conversations/" + conversation + "/messages"))
                                    .header("Authorization", "Bearer " + t)
                                    .header("Content-Type", "application/json")
                                    .header("Accept", "text/event-stream")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"text\":\"Say hello in five words.\",\"model\":\"" + mdl + "\"}"))
                                    .build();
                        } else {
                            request = HttpRequest.newBuilder(URI.create(b + "/v1/chat/completions"))
                                    .header("Content-Type", "application/json")
                                    .header("Accept", "text/event-stream")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"fake-model\",\"stream\":true,"
                                            + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello in five words.\"}]}"))
                                    .build();
                        }
                        long sent = System.nanoTime();
                        if (interval > 0) {
                            while (sent < scheduled) {
                                java.util.concurrent.locks.LockSupport.parkNanos(scheduled - sent);
                                sent = System.nanoTime();
                            }
                            sent = scheduled;
                            scheduled += interval;
                        }
                        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                        try (InputStream in = response.body()) {
                            int first = in.read();
                            long firstByte = System.nanoTime();
                            byte[] rest = in.readAllBytes();
                            String text = (char) first + new String(rest, java.nio.charset.StandardCharsets.UTF_8);
                            boolean ok = response.statusCode() == 200
                                    && (m.equals("atom") ? text.startsWith("event: delta") && text.contains("event: done")
                                            : text.contains("[DONE]"));
                            if (!ok) {
                                if (errors.incrementAndGet() <= 3) {
                                    System.err.println("bad answer " + response.statusCode() + ": "
                                            + text.substring(0, Math.min(300, text.length())));
                                }
                            } else if (sent >= measureFrom && firstByte <= end) {
                                samples.add((firstByte - sent) / 1000);
                            }
                        }
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 3) {
                            System.err.println("error: " + e);
                        }
                    }
                }
            }));
        }
        for (Thread th : threads) {
            th.join();
        }
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        long p50 = pct(sorted, 0.50), p90 = pct(sorted, 0.90), p99 = pct(sorted, 0.99);
        long max = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1);
        System.out.printf("%s c=%d%s: %d samples, first byte p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms, %d errors%n",
                mode, workers, rate > 0 ? " rate=" + (long) rate + "/s" : "", sorted.size(), p50 / 1e3, p90 / 1e3, p99 / 1e3, max / 1e3, errors.get());
        System.out.printf("RESULT %s %d %d %d %d %d %d %d%n", mode, workers, sorted.size(), p50, p90, p99, max, errors.get());
    }

    static String newConversation(HttpClient client, String base, String token) throws Exception {
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/assistant/conversations"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"bench\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("conversation: " + r.statusCode() + " " + r.body());
        }
        String body = r.body();
        int at = body.indexOf("\"id\":\"") + 6;
        return body.substring(at, body.indexOf('"', at));
    }

    static long pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
