package dev.atom.connectors.http;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import dev.atom.connectors.ServiceErrors;
import dev.atom.shared.net.GuardedHttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code http.request}: one HTTP request to a user-given URL (SSRF-guarded, redirects followed and checked,
 * {@value #MAX_BYTES} bytes of response at most, {@value #TIMEOUT_SECONDS} s timeout). Every status is an
 * answer, not an error: a workflow decides what a 404 means. Stateless.
 */
final class HttpRequestAction implements Action<HttpRequestAction.Input, HttpRequestAction.Output> {
    static final int MAX_BYTES = 1 << 20;
    static final int TIMEOUT_SECONDS = 30;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    enum Method {
        GET,
        POST,
        PUT,
        PATCH,
        DELETE,
        HEAD,
        OPTIONS
    }

    @Schema(description = "An HTTP request")
    record Input(
            @Schema(description = "The HTTP method", examples = "\"GET\"")
            Method method,

            @Schema(
                    description = "An absolute http or https URL",
                    format = "uri",
                    maxLength = 4096,
                    examples = "\"https://api.example.com/items?limit=10\"")
            String url,

            @Schema(description = "Request headers by name") @Nullable
            Map<String, String> headers,

            @Schema(description = "The body: a JSON value is sent as JSON, a string as text") @Nullable
            JsonNode body,

            @Schema(
                    description = "Return error statuses (4xx, 5xx) as answers instead of failing; by default"
                            + " 429 and 5xx fail as retriable and other 4xx as permanent, as in n8n and Zapier")
            @Nullable
            Boolean neverError) {}

    record Output(
            @Schema(description = "The response status code")
            int status,

            @Schema(description = "Response headers by lower-case name (repeated ones joined with ', ')")
            Map<String, String> headers,

            @Schema(description = "The response body: parsed when it is JSON, else text") @Nullable
            JsonNode body,

            @Schema(description = "True when the body was longer than the cap and was cut")
            boolean truncated) {}

    @Override
    public String id() {
        return "http.request";
    }

    @Override
    public String name() {
        return "Send an HTTP request";
    }

    @Override
    public String description() {
        return "Sends one HTTP request to a public URL and returns the status, headers and body.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Output> outputType() {
        return Output.class;
    }

    @Override
    public boolean writes() {
        return true;
    }

    @Override
    public Idempotency idempotency() {
        return Idempotency.KEY;
    }

    @Override
    public Output execute(ActionContext context, Input input) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (input.headers() != null) {
            input.headers().forEach((k, v) -> headers.add(Map.entry(k, v)));
        }
        byte[] body = null;
        if (input.body() != null && !input.body().isNull()) {
            boolean text = input.body().isString();
            body = (text ? input.body().asString() : JSON.writeValueAsString(input.body()))
                    .getBytes(StandardCharsets.UTF_8);
            if (!has(headers, "content-type")) {
                headers.add(Map.entry("Content-Type", text ? "text/plain; charset=utf-8" : "application/json"));
            }
        }
        if (context.idempotencyKey().isPresent() && !has(headers, "idempotency-key")) {
            headers.add(Map.entry("Idempotency-Key", context.idempotencyKey().get()));
        }
        var response = context.http()
                .send(new GuardedHttpClient.Request(
                        input.method().name(),
                        input.url(),
                        headers,
                        body,
                        Duration.ofSeconds(TIMEOUT_SECONDS),
                        MAX_BYTES,
                        true));
        if (response.status() >= 400 && !Boolean.TRUE.equals(input.neverError())) {
            if (response.status() == 401) { // the URL's own auth, not a connection that could be reconnected
                throw new ConnectorException.Permanent(401, ServiceErrors.message(response));
            }
            ServiceErrors.raise(response, context.clock().instant());
        }
        Map<String, String> outHeaders = new LinkedHashMap<>();
        response.headers().forEach((k, v) -> outHeaders.put(k, String.join(", ", v)));
        return new Output(response.status(), outHeaders, body(response), response.truncated());
    }

    private static JsonNode body(GuardedHttpClient.Response response) {
        if (response.body().length == 0) {
            return null;
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        String type = response.header("content-type");
        if (!response.truncated()
                && type != null
                && type.toLowerCase(Locale.ROOT).contains("json")) {
            try {
                return JSON.readTree(text);
            } catch (JacksonException e) {
                // not JSON after all: the text is still useful
            }
        }
        return JSON.getNodeFactory().stringNode(text);
    }

    private static boolean has(List<Map.Entry<String, String>> headers, String name) {
        return headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase(name));
    }
}
