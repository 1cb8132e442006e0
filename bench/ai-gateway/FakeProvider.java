import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A fake OpenAI-protocol provider for the gateway benchmark: answers canned {@code chat.completion} JSON (or
 * a short SSE stream when the request says {@code "stream":true}) and a one-model {@code /models} list, with
 * no work per request beyond reading the body. JDK HTTP server on virtual threads, keep-alive.
 *
 * <pre>java bench/ai-gateway/FakeProvider.java [port]</pre>
 */
public class FakeProvider {
    static final byte[] COMPLETION = """
            {"id":"chatcmpl-bench","object":"chat.completion","created":1735689600,"model":"fake-model",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the fake provider.",\
            "refusal":null},"logprobs":null,"finish_reason":"stop"}],\
            "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19,\
            "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}},\
            "system_fingerprint":"fp_bench"}"""
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] MODELS = """
            {"object":"list","data":[{"id":"fake-model","object":"model","created":1735689600,"owned_by":"bench"}]}"""
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] STREAM = ("""
            data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1735689600,"model":"fake-model",\
            "choices":[{"index":0,"delta":{"role":"assistant","content":"Hello"},"finish_reason":null}]}

            data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1735689600,"model":"fake-model",\
            "choices":[{"index":0,"delta":{"content":" from the fake provider."},"finish_reason":null}]}

            data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1735689600,"model":"fake-model",\
            "choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

            data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1735689600,"model":"fake-model",\
            "choices":[],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}

            data: [DONE]

            """)
            .getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18080;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.createContext("/", FakeProvider::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        System.out.println("fake provider on http://127.0.0.1:" + port + "/v1");
    }

    static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/models")) {
                send(exchange, 200, "application/json", MODELS);
            } else if (path.endsWith("/chat/completions")) {
                if (new String(body, StandardCharsets.UTF_8).replace(" ", "").contains("\"stream\":true")) {
                    send(exchange, 200, "text/event-stream", STREAM);
                } else {
                    send(exchange, 200, "application/json", COMPLETION);
                }
            } else {
                send(
                        exchange,
                        404,
                        "application/json",
                        "{\"error\":{\"message\":\"not found\",\"type\":\"invalid_request_error\"}}"
                                .getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
