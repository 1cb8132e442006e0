package dev.atom.ai.providers;

import dev.atom.ai.ChatStreamSink;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's Messages API at https://api.anthropic.com/v1 ({@code x-api-key},
 * {@code anthropic-version: 2023-06-01}); translations in {@link AnthropicRequests},
 * {@link AnthropicResponses} and {@link AnthropicStream}. Anthropic has no embeddings API. Errors follow
 * https://docs.anthropic.com/en/api/errors (529 overloaded_error retries; "prompt is too long" is a
 * context-length error).
 */
@Component
class AnthropicAdapter implements ProviderAdapter {
    static final String BASE_URL = "https://api.anthropic.com/v1";
    static final String VERSION = "2023-06-01";
    private static final int MAX_MODEL_PAGES = 10;

    private final ProviderHttp http;

    AnthropicAdapter(ProviderHttp http) {
        this.http = http;
    }

    @Override
    public String provider() {
        return "anthropic";
    }

    @Override
    public ChatResponse chat(ProviderCredentials credentials, ObjectNode request) throws ProviderException {
        AnthropicRequests.Translated translated = AnthropicRequests.translate(request, false);
        HttpRequest.Builder builder = authorized(credentials, "/messages")
                .header("Content-Type", "application/json")
                .POST(ProviderHttp.json(translated.body()));
        ObjectNode answer = http.exchange(provider(), builder.build(), credentials.apiKey());
        if (!answer.has("content")) {
            throw ProviderHttp.invalidResponse(provider(), 200, "no content in the answer");
        }
        ObjectNode body = AnthropicResponses.toChatCompletion(answer, translated.jsonTool(), now());
        return new ChatResponse(body, AnthropicResponses.usage(answer.path("usage")));
    }

    @Override
    public StreamOutcome stream(ProviderCredentials credentials, ObjectNode request, ChatStreamSink sink)
            throws ProviderException {
        AnthropicRequests.Translated translated = AnthropicRequests.translate(request, true);
        HttpRequest.Builder builder = authorized(credentials, "/messages")
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(ProviderHttp.json(translated.body()));
        AnthropicStream state =
                new AnthropicStream(sink, translated.jsonTool(), now(), credentials.apiKey(), http.clock());
        try (ProviderHttp.Stream stream = http.open(provider(), builder.build(), credentials.apiKey())) {
            SseReader.Event event;
            while (!state.stopped() && (event = stream.next()) != null) {
                JsonNode data = Json.parseOrNull(event.data());
                if (data == null || !data.isObject()) {
                    throw ProviderHttp.invalidResponse(provider(), 200, "a stream event is not a JSON object");
                }
                state.on(data);
            }
        }
        if (!state.stopped()) {
            throw new ProviderException.Retriable(
                    0, "connection_reset", "anthropic: the stream ended before message_stop", null, null);
        }
        return state.outcome();
    }

    @Override
    public ChatResponse embeddings(ProviderCredentials credentials, ObjectNode request) throws ProviderException {
        throw Translation.badRequest(provider(), "Anthropic has no embeddings API");
    }

    // https://docs.anthropic.com/en/api/models-list (paged with after_id / has_more / last_id)
    @Override
    public List<String> listModels(ProviderCredentials credentials) throws ProviderException {
        List<String> models = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_MODEL_PAGES; page++) {
            String query = "/models?limit=1000"
                    + (after == null ? "" : "&after_id=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            ObjectNode answer = http.exchange(
                    provider(), authorized(credentials, query).GET().build(), credentials.apiKey());
            for (JsonNode model : answer.path("data").values()) {
                String id = Json.text(model, "id");
                if (id != null) {
                    models.add(id);
                }
            }
            after = Json.text(answer, "last_id");
            if (!answer.path("has_more").asBoolean(false) || after == null) {
                break;
            }
        }
        return models;
    }

    private HttpRequest.Builder authorized(ProviderCredentials credentials, String path) {
        String base = credentials.baseUrl() != null ? credentials.baseUrl().toString() : BASE_URL;
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        HttpRequest.Builder builder = http.request(URI.create(base + path)).header("anthropic-version", VERSION);
        if (credentials.apiKey() != null) {
            builder.header("x-api-key", credentials.apiKey());
        }
        return builder;
    }

    private long now() {
        return http.clock().instant().getEpochSecond();
    }
}
