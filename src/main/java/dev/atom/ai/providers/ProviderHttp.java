package dev.atom.ai.providers;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP side of every adapter: one pooled {@link HttpClient} (HTTP/2 over TLS when the server offers it,
 * HTTP/1.1 otherwise; virtual threads), the read timeout (first byte, and silence between stream chunks),
 * and the mapping of transport failures and error answers to {@link ProviderException}s.
 */
public final class ProviderHttp implements AutoCloseable {
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final HttpClient client;
    private final ExecutorService executor;
    private final ScheduledExecutorService watchdog;
    private final Duration readTimeout;
    private final Clock clock;

    public ProviderHttp(Duration connectTimeout, Duration readTimeout, Clock clock) {
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ai-stream-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        this.readTimeout = readTimeout;
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    /**
     * A request to {@code uri} with the read timeout. Plain-http servers (Ollama, vLLM on a LAN) get HTTP/1.1,
     * because the JDK would otherwise try an h2c upgrade that some of them mishandle; TLS servers negotiate.
     */
    HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri).timeout(readTimeout).header("User-Agent", "atom-ai-gateway");
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        return builder;
    }

    static HttpRequest.BodyPublisher json(JsonNode body) {
        return HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body));
    }

    /**
     * Sends and parses a JSON object answer; error statuses and bodies that are not JSON objects throw. The
     * body is read under the same idle watchdog as streams, since the JDK's timeout ends at the headers.
     */
    ObjectNode exchange(String provider, HttpRequest request, String apiKey) throws ProviderException {
        String body;
        int status;
        try (Stream stream = open(provider, request, apiKey)) {
            status = stream.status;
            body = stream.readAll();
        }
        JsonNode json = Json.parseOrNull(body);
        if (json == null || !json.isObject()) {
            throw invalidResponse(provider, status, "the answer is not a JSON object");
        }
        return (ObjectNode) json;
    }

    /**
     * Opens a streamed answer. The caller reads events from {@link Stream#events()} and closes it; an error
     * status is read and thrown here, before any event.
     */
    Stream open(String provider, HttpRequest request, String apiKey) throws ProviderException {
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw transportFailure(provider, e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Retriable(0, "timeout", provider + ": call interrupted", null, e);
        }
        if (response.statusCode() >= 400) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw ProviderErrors.fromResponse(provider, response.statusCode(), response.headers(), body, apiKey, clock);
        }
        return new Stream(provider, response.statusCode(), response.body());
    }

    static ProviderException.Retriable invalidResponse(String provider, int status, String what) {
        return new ProviderException.Retriable(
                status, "invalid_response", provider + " sent a malformed answer: " + what, null, null);
    }

    static ProviderException.Retriable transportFailure(String provider, IOException e, boolean idle) {
        if (idle || e instanceof HttpTimeoutException) {
            String what = idle ? "no data within the read timeout while streaming" : "no answer within the timeout";
            return new ProviderException.Retriable(0, "timeout", provider + ": " + what, null, e);
        }
        if (e instanceof ConnectException) {
            return new ProviderException.Retriable(0, "unreachable", provider + ": could not connect", null, e);
        }
        return new ProviderException.Retriable(
                0,
                "connection_reset",
                provider + ": connection lost (" + e.getClass().getSimpleName() + ")",
                null,
                e);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        client.close();
        executor.close();
    }

    /** A streamed answer's events, with an idle watchdog: silence longer than the read timeout aborts it. */
    final class Stream implements AutoCloseable {
        private final String provider;
        private final int status;
        private final Guarded in;
        private final SseReader reader;
        private final Thread reading = Thread.currentThread();
        private final ScheduledFuture<?> check;
        private volatile boolean idle;

        private Stream(String provider, int status, InputStream body) {
            this.provider = provider;
            this.status = status;
            this.in = new Guarded(body);
            this.reader = new SseReader(in);
            long period = Math.max(50, Math.min(1000, readTimeout.toMillis() / 4));
            this.check = watchdog.scheduleWithFixedDelay(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
        }

        private void checkIdle() {
            long since = in.readingSince;
            if (since != 0 && System.nanoTime() - since > readTimeout.toNanos()) {
                idle = true;
                reading.interrupt(); // wakes the blocked read; the JDK stream then throws an IOException
            }
        }

        /** The next event, or null at the end of the stream. */
        SseReader.Event next() throws ProviderException {
            try {
                return reader.next();
            } catch (IOException e) {
                throw transportFailure(provider, e, idle);
            }
        }

        /** The whole body as text. */
        String readAll() throws ProviderException {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw transportFailure(provider, e, idle);
            }
        }

        @Override
        public void close() {
            check.cancel(false);
            if (idle) {
                Thread.interrupted(); // clear the watchdog's interrupt
            }
            try {
                in.close();
            } catch (IOException ignored) {
                // closing aborts the exchange; nothing more to do
            }
        }
    }

    /**
     * Remembers since when a read has been waiting (0 when none is), so the watchdog interrupts only a read
     * the provider leaves hanging, never the sink while it writes to a slow client.
     */
    private static final class Guarded extends FilterInputStream {
        volatile long readingSince;

        Guarded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            readingSince = System.nanoTime();
            try {
                return super.read();
            } finally {
                readingSince = 0;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            readingSince = System.nanoTime();
            try {
                return super.read(buffer, offset, length);
            } finally {
                readingSince = 0;
            }
        }
    }
}
