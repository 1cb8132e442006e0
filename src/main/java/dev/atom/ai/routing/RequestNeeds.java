package dev.atom.ai.routing;

import dev.atom.ai.catalog.Capability;
import java.util.EnumSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a request needs from a model, read from the request itself: capabilities (tools, images, JSON schema
 * output, embeddings), its estimated prompt tokens and the output limit it asked for ({@code
 * max_completion_tokens}, else {@code max_tokens}; null when it set none).
 */
public record RequestNeeds(
        Set<Capability> capabilities, int promptTokens, Integer maxOutputTokens, boolean embeddings) {

    public RequestNeeds {
        capabilities = Set.copyOf(capabilities);
    }

    public static RequestNeeds chat(JsonNode request, TokenEstimator tokens) {
        Set<Capability> needs = EnumSet.noneOf(Capability.class);
        JsonNode tools = request.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            needs.add(Capability.TOOLS);
        }
        if (hasImage(request.path("messages"))) {
            needs.add(Capability.VISION);
        }
        if ("json_schema".equals(request.path("response_format").path("type").asString(""))) {
            needs.add(Capability.JSON_SCHEMA);
        }
        Integer max = positive(request.path("max_completion_tokens"));
        if (max == null) {
            max = positive(request.path("max_tokens"));
        }
        return new RequestNeeds(needs, tokens.chatPrompt(request), max, false);
    }

    public static RequestNeeds embeddings(JsonNode request, TokenEstimator tokens) {
        return new RequestNeeds(Set.of(Capability.EMBEDDINGS), tokens.embeddingsInput(request), 0, true);
    }

    /** The most output tokens this request may produce on {@code modelMaxOutput} (0 for embeddings). */
    public int outputBound(int modelMaxOutput) {
        if (embeddings) {
            return 0;
        }
        int modelMax = modelMaxOutput > 0 ? modelMaxOutput : DEFAULT_MAX_OUTPUT;
        return maxOutputTokens == null ? modelMax : Math.min(maxOutputTokens, modelMax);
    }

    /**
     * The output the context window must leave room for: the request's own limit as asked (a model whose window
     * cannot hold the prompt plus that much does not fit), else the model's maximum.
     */
    public int windowOutput(int modelMaxOutput) {
        if (embeddings) {
            return 0;
        }
        return maxOutputTokens != null ? maxOutputTokens : modelMaxOutput > 0 ? modelMaxOutput : DEFAULT_MAX_OUTPUT;
    }

    /** Used when the catalog does not know a model's output limit. */
    static final int DEFAULT_MAX_OUTPUT = 4_096;

    /** The output the policies compare models at: the request's limit, else a typical answer. */
    public int typicalOutput() {
        if (embeddings) {
            return 0;
        }
        return maxOutputTokens == null ? 500 : Math.min(maxOutputTokens, 4_000);
    }

    private static boolean hasImage(JsonNode messages) {
        for (JsonNode message : messages) {
            for (JsonNode part : message.path("content")) {
                String type = part.path("type").asString("");
                if (type.equals("image_url") || type.equals("image")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Integer positive(JsonNode node) {
        return node.isIntegralNumber() && node.asLong() > 0 ? (int) Math.min(node.asLong(), Integer.MAX_VALUE) : null;
    }
}
