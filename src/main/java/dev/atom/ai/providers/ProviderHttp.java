package dev.atom.ai.providers;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP side of every adapter: one blocking HTTP/1.1 client with a keep-alive pool (Apache HttpClient 5
 * classic), run on the caller's (virtual) thread, the read timeout (first byte, and silence between stream
 * chunks), and the mapping of transport failures and error answers to {@link ProviderException}s. Adapters
 * still describe requests with the JDK's {@link HttpRequest} builder; this class sends them. The JDK's own
 * asynchronous {@link HttpClient} cost a third of the gateway's CPU (docs/performance.md), hence the switch.
 */
public final class ProviderHttp implements AutoCloseable {
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private static final int MAX_CONNECTIONS = 1_000;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService watchdog;
    private final Duration readTimeout;
    private final Clock clock;

    public ProviderHttp(Duration connectTimeout, Duration readTimeout, Clock clock) {
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(readTimeout))
                                .setTimeToLive(Timeout.ofMinutes(5))
                                .setValidateAfterInactivity(Timeout.ofSeconds(2))
                                .build())
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(readTimeout))
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .evictIdleConnections(Timeout.ofMinutes(1))
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

    /** A request to {@code uri}; {@link #open} sends it over HTTP/1.1 with the read timeout. */
    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).header("User-Agent", "atom-ai-gateway");
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
        HttpUriRequestBase sent = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().map().forEach((name, values) -> values.forEach(v -> sent.addHeader(name, v)));
        byte[] body = HttpMessages.body(request);
        if (body != null) {
            sent.setEntity(new ByteArrayEntity(body, null));
        }
        CloseableHttpResponse response;
        try {
            response = client.execute(sent);
        } catch (IOException e) {
            throw transportFailure(provider, e, false);
        }
        int status = response.getCode();
        HttpEntity entity = response.getEntity();
        InputStream in;
        try {
            in = entity == null ? InputStream.nullInputStream() : entity.getContent();
        } catch (IOException e) {
            close(sent, response);
            throw transportFailure(provider, e, false);
        }
        if (status >= 400) {
            String text;
            try {
                text = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "";
            } finally {
                close(sent, response);
            }
            throw ProviderErrors.fromResponse(provider, status, HttpMessages.headers(response), text, apiKey, clock);
        }
        return new Stream(provider, status, in, sent, response);
    }

    /** Aborts the exchange (so closing never drains an unfinished body) and frees the response. */
    private static void close(HttpUriRequestBase request, CloseableHttpResponse response) {
        request.cancel();
        try {
            response.close();
        } catch (IOException ignored) {
            // the connection is dropped either way
        }
    }

    static ProviderException.Retriable invalidResponse(String provider, int status, String what) {
        return new ProviderException.Retriable(
                status, "invalid_response", provider + " sent a malformed answer: " + what, null, null);
    }

    static ProviderException.Retriable transportFailure(String provider, IOException e, boolean idle) {
        if (idle || e instanceof HttpTimeoutException || e instanceof SocketTimeoutException) {
            String what = idle ? "no data within the read timeout while streaming" : "no answer within the timeout";
            return new ProviderException.Retriable(0, "timeout", provider + ": " + what, null, e);
        }
        if (e instanceof ConnectException || e instanceof ConnectTimeoutException) {
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
        try {
            client.close();
        } catch (IOException ignored) {
            // shutting down
        }
    }

    /** A streamed answer's events, with an idle watchdog: silence longer than the read timeout aborts it. */
    final class Stream implements AutoCloseable {
        private final String provider;
        private final int status;
        private final Guarded in;
        private final SseReader reader;
        private final Thread reading = Thread.currentThread();
        private final ScheduledFuture<?> check;
        private final HttpUriRequestBase request;
        private final CloseableHttpResponse response;
        private volatile boolean idle;
        private boolean ended;

        private Stream(
                String provider,
                int status,
                InputStream body,
                HttpUriRequestBase request,
                CloseableHttpResponse response) {
            this.provider = provider;
            this.status = status;
            this.request = request;
            this.response = response;
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
                SseReader.Event event = reader.next();
                ended = event == null;
                return event;
            } catch (IOException e) {
                throw transportFailure(provider, e, idle);
            }
        }

        /** The whole body as text. */
        String readAll() throws ProviderException {
            try {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                ended = true;
                return text;
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
            if (ended) { // the whole body was read: the connection goes back to the pool
                try {
                    response.close();
                } catch (IOException ignored) {
                    // nothing more to do
                }
            } else {
                ProviderHttp.close(request, response);
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
