package dev.atom.assistant.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An openai-compatible server on the loopback whose streamed answer stops halfway until the test releases it: the
 * first {@code held} chunks (in {@link ScriptedModel}'s OpenAI chunk format) are sent and flushed, then the stream
 * stays open until {@link #release()}, so a test can see what a client shows while a turn is still running. Lists
 * one model, {@code slow-model}, at {@code /v1/models}.
 */
final class HeldStream implements AutoCloseable {
    private final HttpServer server;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final List<String> events;
    private final int held;

    /** Streams {@code answer} as text; only its first {@code held} chunks before the release. */
    HeldStream(String answer, int held) {
        this.events = List.of(new ScriptedModel(null, "held").events(answer).split("(?<=\n\n)"));
        this.held = held;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/models", this::models);
        server.createContext("/v1/chat/completions", this::stream);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    void release() {
        gate.countDown();
    }

    private void models(HttpExchange exchange) throws IOException {
        byte[] body = """
                {"object":"list","data":[{"id":"slow-model","object":"model","created":1733616000,"owned_by":"test"}]}""".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0); // chunked: each flush reaches the client
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < events.size(); i++) {
                if (i == held) {
                    out.flush();
                    if (!gate.await(60, TimeUnit.SECONDS)) {
                        return; // the test gave up: end the stream unfinished
                    }
                }
                out.write(events.get(i).getBytes(StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
