package dev.atom.ai.providers;

import dev.atom.ai.ChatStreamSink;
import dev.atom.ai.Usage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Google's Gemini API at https://generativelanguage.googleapis.com/v1beta, the key in the
 * {@code x-goog-api-key} header (never in the URL, where it would land in access logs):
 * {@code models/{model}:generateContent}, {@code :streamGenerateContent?alt=sse},
 * {@code :embedContent} / {@code :batchEmbedContents} (https://ai.google.dev/api/embeddings) and
 * {@code GET models} (https://ai.google.dev/api/models). Translations in {@link GeminiRequests} and
 * {@link GeminiResponses}. Gemini's embeddings report no token usage, so embeddings usage is an estimate
 * (a token per four characters).
 */
@Component
class GeminiAdapter implements ProviderAdapter {
    static final String BASE_URL = "https://generativelanguage.googleapis.com/v1beta";
    private static final int MAX_MODEL_PAGES = 10;

    private final ProviderHttp http;

    GeminiAdapter(ProviderHttp http) {
        this.http = http;
    }

    @Override
    public String provider() {
        return "gemini";
    }

    @Override
    public ChatResponse chat(ProviderCredentials credentials, ObjectNode request) throws ProviderException {
        String model = model(request);
        HttpRequest.Builder builder = authorized(credentials, "/models/" + model + ":generateContent")
                .header("Content-Type", "application/json")
                .POST(ProviderHttp.json(GeminiRequests.translate(request)));
        ObjectNode answer = http.exchange(provider(), builder.build(), credentials.apiKey());
        if (!answer.has("candidates") && !answer.has("promptFeedback")) {
            throw ProviderHttp.invalidResponse(provider(), 200, "no candidates in the answer");
        }
        ObjectNode body = GeminiResponses.toChatCompletion(answer, model, now());
        return new ChatResponse(body, GeminiResponses.usage(answer.path("usageMetadata")));
    }

    @Override
    public StreamOutcome stream(ProviderCredentials credentials, ObjectNode request, ChatStreamSink sink)
            throws ProviderException {
        String model = model(request);
        HttpRequest.Builder builder = authorized(credentials, "/models/" + model + ":streamGenerateContent?alt=sse")
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(ProviderHttp.json(GeminiRequests.translate(request)));
        GeminiResponses.Stream state = new GeminiResponses.Stream(sink, model, now());
        try (ProviderHttp.Stream stream = http.open(provider(), builder.build(), credentials.apiKey())) {
            SseReader.Event event;
            while ((event = stream.next()) != null) {
                JsonNode data = Json.parseOrNull(event.data());
                if (data == null || !data.isObject()) {
                    throw ProviderHttp.invalidResponse(provider(), 200, "a stream event is not a JSON object");
                }
                if (data.get("error") instanceof ObjectNode error) {
                    int status = error.path("code").asInt(500);
                    throw ProviderErrors.fromResponse(
                            provider(), status, null, event.data(), credentials.apiKey(), http.clock());
                }
                state.on((ObjectNode) data);
            }
        }
        if (!state.finished()) {
            throw new ProviderException.Retriable(
                    0, "connection_reset", "gemini: the stream ended without a finish reason", null, null);
        }
        return state.finish();
    }

    @Override
    public ChatResponse embeddings(ProviderCredentials credentials, ObjectNode request) throws ProviderException {
        String model = model(request);
        JsonNode input = request.get("input");
        List<String> texts = new ArrayList<>();
        if (input != null && input.isString()) {
            texts.add(input.stringValue());
        } else if (input != null && input.isArray()) {
            for (JsonNode item : input.values()) {
                if (!item.isString()) {
                    throw Translation.badRequest(provider(), "embeddings input must be text");
                }
                texts.add(item.stringValue());
            }
        }
        if (texts.isEmpty()) {
            throw Translation.badRequest(provider(), "embeddings input is empty");
        }
        long dimensions = Json.number(request, "dimensions");
        ArrayNode vectors = Json.array();
        if (input.isString()) {
            ObjectNode body = embedRequest(model, texts.getFirst(), dimensions);
            ObjectNode answer = post(credentials, "/models/" + model + ":embedContent", body);
            vectors.add(answer.path("embedding").path("values"));
        } else {
            ObjectNode body = Json.object();
            ArrayNode requests = body.putArray("requests");
            texts.forEach(text -> requests.add(embedRequest(model, text, dimensions)));
            ObjectNode answer = post(credentials, "/models/" + model + ":batchEmbedContents", body);
            answer.path("embeddings").values().forEach(embedding -> vectors.add(embedding.path("values")));
        }
        ObjectNode out = Json.object();
        out.put("object", "list");
        ArrayNode data = out.putArray("data");
        for (int i = 0; i < vectors.size(); i++) {
            if (!vectors.get(i).isArray()) {
                throw ProviderHttp.invalidResponse(provider(), 200, "an embedding has no values");
            }
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            item.set("embedding", vectors.get(i));
        }
        out.put("model", model);
        long estimate =
                texts.stream().mapToLong(text -> (text.length() + 3) / 4).sum();
        out.putObject("usage").put("prompt_tokens", estimate).put("total_tokens", estimate);
        return new ChatResponse(out, new Usage(estimate, 0, 0));
    }

    private static ObjectNode embedRequest(String model, String text, long dimensions) {
        ObjectNode request = Json.object();
        request.put("model", "models/" + model);
        request.putObject("content").putArray("parts").addObject().put("text", text);
        if (dimensions > 0) {
            request.put("outputDimensionality", dimensions);
        }
        return request;
    }

    @Override
    public List<String> listModels(ProviderCredentials credentials) throws ProviderException {
        List<String> models = new ArrayList<>();
        String pageToken = null;
        for (int page = 0; page < MAX_MODEL_PAGES; page++) {
            String path = "/models?pageSize=1000"
                    + (pageToken == null ? "" : "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8));
            ObjectNode answer = http.exchange(
                    provider(), authorized(credentials, path).GET().build(), credentials.apiKey());
            for (JsonNode model : answer.path("models").values()) {
                String name = Json.text(model, "name");
                if (name != null) {
                    models.add(name.startsWith("models/") ? name.substring(7) : name);
                }
            }
            pageToken = Json.text(answer, "nextPageToken");
            if (pageToken == null || pageToken.isEmpty()) {
                break;
            }
        }
        return models;
    }

    private ObjectNode post(ProviderCredentials credentials, String path, ObjectNode body) throws ProviderException {
        HttpRequest.Builder builder = authorized(credentials, path)
                .header("Content-Type", "application/json")
                .POST(ProviderHttp.json(body));
        return http.exchange(provider(), builder.build(), credentials.apiKey());
    }

    private String model(ObjectNode request) throws ProviderException {
        String model = Json.text(request, "model");
        if (model != null && model.startsWith("models/")) {
            model = model.substring(7);
        }
        if (model == null || !model.matches("[A-Za-z0-9._-]+")) {
            throw Translation.badRequest(provider(), "not a Gemini model name: " + model);
        }
        return model;
    }

    private HttpRequest.Builder authorized(ProviderCredentials credentials, String path) {
        String base = credentials.baseUrl() != null ? credentials.baseUrl().toString() : BASE_URL;
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        HttpRequest.Builder builder = http.request(URI.create(base + path));
        if (credentials.apiKey() != null) {
            builder.header("x-goog-api-key", credentials.apiKey());
        }
        return builder;
    }

    private long now() {
        return http.clock().instant().getEpochSecond();
    }
}
