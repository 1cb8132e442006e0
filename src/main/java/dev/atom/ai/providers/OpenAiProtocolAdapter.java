package dev.atom.ai.providers;

import dev.atom.ai.ChatStreamSink;
import dev.atom.ai.Usage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI Chat Completions protocol, shared by {@code openai}, {@code deepseek}, {@code azure-openai} and
 * {@code openai-compatible}: requests and answers pass through nearly untouched (the canonical form is this
 * protocol), so the subclasses differ only in URL building, the auth header and where usage reports cached
 * tokens. Follows https://platform.openai.com/docs/api-reference/chat/create (and .../chat-streaming,
 * .../embeddings/create, .../models/list).
 *
 * <p>Departure from DESIGN.md (decided by the lead): no LangChain4j here. A gateway must keep tool-call
 * deltas, cached-token usage, error codes and Retry-After exactly, and add well under a millisecond;
 * LangChain4j's chat abstraction drops those details, so adapters use java.net.http and Jackson directly.
 */
abstract class OpenAiProtocolAdapter implements ProviderAdapter {
    protected final ProviderHttp http;

    protected OpenAiProtocolAdapter(ProviderHttp http) {
        this.http = http;
    }

    /** The full URL of an endpoint ({@code chat/completions}, {@code embeddings}, {@code models}). */
    protected abstract URI uri(ProviderCredentials credentials, String endpoint) throws ProviderException;

    /** Adds the key; the default is {@code Authorization: Bearer}, left out when there is no key. */
    protected void authorize(HttpRequest.Builder request, ProviderCredentials credentials) {
        if (credentials.apiKey() != null && !credentials.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + credentials.apiKey());
        }
    }

    /**
     * Reads a usage block, first making it OpenAI-shaped in place (so callers always find
     * {@code prompt_tokens_details.cached_tokens}). The default is OpenAI's own shape.
     */
    protected Usage usage(ObjectNode usage) {
        return new Usage(
                Json.number(usage, "prompt_tokens"),
                Json.number(usage, "completion_tokens"),
                Json.number(usage.path("prompt_tokens_details"), "cached_tokens"));
    }

    /** The provider's base URL: the key's override, else {@code fallback}; without a trailing slash. */
    protected String base(ProviderCredentials credentials, String fallback) throws ProviderException {
        String base = credentials.baseUrl() != null ? credentials.baseUrl().toString() : fallback;
        if (base == null || base.isBlank()) {
            throw new ProviderException.Permanent(400, "bad_request", provider() + ": this key needs a base URL", null);
        }
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public ChatResponse chat(ProviderCredentials credentials, ObjectNode request) throws ProviderException {
        ObjectNode body = request.deepCopy();
        body.remove(List.of("models", "stream", "stream_options"));
        ObjectNode answer = post(credentials, "chat/completions", body);
        return new ChatResponse(answer, usageOf(answer));
    }

    @Override
    public StreamOutcome stream(ProviderCredentials credentials, ObjectNode request, ChatStreamSink sink)
            throws ProviderException {
        ObjectNode body = request.deepCopy();
        body.remove("models");
        body.put("stream", true);
        // Ask for the final usage chunk (empty choices, full usage) so streams are billed exactly.
        body.withObject("stream_options").put("include_usage", true);
        HttpRequest.Builder builder = http.request(uri(credentials, "chat/completions"))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(ProviderHttp.json(body));
        authorize(builder, credentials);

        Usage usage = null;
        String finishReason = null;
        boolean done = false;
        try (ProviderHttp.Stream stream = http.open(provider(), builder.build(), credentials.apiKey())) {
            SseReader.Event event;
            while ((event = stream.next()) != null) {
                String data = event.data();
                if (data.equals("[DONE]")) {
                    done = true;
                    break;
                }
                JsonNode parsed = Json.parseOrNull(data);
                if (parsed == null || !parsed.isObject()) {
                    throw ProviderHttp.invalidResponse(provider(), 200, "a stream event is not a JSON object");
                }
                ObjectNode chunk = (ObjectNode) parsed;
                if (chunk.get("error") != null) {
                    throw streamError(chunk, data, credentials);
                }
                if (chunk.get("usage") instanceof ObjectNode reported) {
                    usage = usage(reported);
                }
                for (JsonNode choice : chunk.path("choices").values()) {
                    String reason = Json.text(choice, "finish_reason");
                    if (reason != null) {
                        finishReason = reason;
                    }
                }
                sink.chunk(chunk);
            }
        }
        if (!done && finishReason == null) {
            throw new ProviderException.Retriable(
                    0,
                    "connection_reset",
                    provider() + ": the stream ended before the answer was complete",
                    null,
                    null);
        }
        return new StreamOutcome(usage == null ? Usage.NONE : usage, usage != null, finishReason);
    }

    @Override
    public ChatResponse embeddings(ProviderCredentials credentials, ObjectNode request) throws ProviderException {
        ObjectNode body = request.deepCopy();
        body.remove("models");
        ObjectNode answer = post(credentials, "embeddings", body);
        return new ChatResponse(answer, usageOf(answer));
    }

    @Override
    public List<String> listModels(ProviderCredentials credentials) throws ProviderException {
        HttpRequest.Builder builder = http.request(uri(credentials, "models")).GET();
        authorize(builder, credentials);
        ObjectNode answer = http.exchange(provider(), builder.build(), credentials.apiKey());
        List<String> models = new ArrayList<>();
        for (JsonNode model : answer.path("data").values()) {
            String id = Json.text(model, "id");
            if (id != null) {
                models.add(id);
            }
        }
        return models;
    }

    protected ObjectNode post(ProviderCredentials credentials, String endpoint, ObjectNode body)
            throws ProviderException {
        HttpRequest.Builder builder = http.request(uri(credentials, endpoint))
                .header("Content-Type", "application/json")
                .POST(ProviderHttp.json(body));
        authorize(builder, credentials);
        return http.exchange(provider(), builder.build(), credentials.apiKey());
    }

    private Usage usageOf(ObjectNode answer) throws ProviderException {
        if (!(answer.get("usage") instanceof ObjectNode usage)) {
            if (answer.get("choices") == null && answer.get("data") == null) {
                throw ProviderHttp.invalidResponse(provider(), 200, "no choices in the answer");
            }
            return Usage.NONE;
        }
        return usage(usage);
    }

    /** Some servers report a failure mid-stream as {@code data: {"error": {...}}}. */
    private ProviderException streamError(ObjectNode chunk, String data, ProviderCredentials credentials) {
        JsonNode code = chunk.path("error").get("code");
        int status = code != null && code.isInt() && code.asInt() >= 400 ? code.asInt() : 500;
        return ProviderErrors.fromResponse(provider(), status, null, data, credentials.apiKey(), http.clock());
    }
}
