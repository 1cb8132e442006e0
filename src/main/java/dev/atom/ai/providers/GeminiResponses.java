package dev.atom.ai.providers;

import dev.atom.ai.ChatStreamSink;
import dev.atom.ai.Usage;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gemini {@code GenerateContentResponse} -> OpenAI (https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse):
 * candidates -> choices, text parts -> content (thought parts left out), functionCall parts -> tool_calls
 * (Gemini gives no call ids unless it sends {@code functionCall.id}, so we make them), finishReason ->
 * finish_reason, usageMetadata -> usage: prompt = promptTokenCount (it includes the cached part) plus
 * toolUsePromptTokenCount, completion = candidatesTokenCount plus thoughtsTokenCount (thinking is billed as
 * output), cached = cachedContentTokenCount.
 */
final class GeminiResponses {

    private GeminiResponses() {}

    static ObjectNode toChatCompletion(ObjectNode response, String model, long created) {
        ObjectNode out = Json.object();
        out.put("id", id(response));
        out.put("object", "chat.completion");
        out.put("created", created);
        out.put("model", modelOf(response, model));
        ArrayNode choices = out.putArray("choices");
        JsonNode candidates = response.path("candidates");
        if (candidates.isEmpty()) {
            // The prompt itself was blocked (promptFeedback.blockReason): no candidates at all.
            ObjectNode choice = choices.addObject();
            choice.put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", "");
            choice.put("finish_reason", "content_filter");
        }
        for (JsonNode candidate : candidates.values()) {
            ObjectNode choice = choices.addObject();
            choice.put("index", candidate.path("index").asInt(choices.size() - 1));
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            StringBuilder text = new StringBuilder();
            ArrayNode calls = Json.array();
            for (JsonNode part : candidate.path("content").path("parts").values()) {
                if (part.path("thought").asBoolean(false)) {
                    continue;
                }
                if (part.hasNonNull("text")) {
                    text.append(Json.text(part, "text"));
                } else if (part.get("functionCall") instanceof ObjectNode functionCall) {
                    calls.add(toolCall(functionCall, -1));
                }
            }
            if (!text.isEmpty() || calls.isEmpty()) {
                message.put("content", text.toString());
            } else {
                message.putNull("content");
            }
            if (!calls.isEmpty()) {
                message.set("tool_calls", calls);
            }
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason(Json.text(candidate, "finishReason"), !calls.isEmpty()));
        }
        out.set("usage", Translation.usage(usage(response.path("usageMetadata"))));
        return out;
    }

    static Usage usage(JsonNode metadata) {
        return new Usage(
                Json.number(metadata, "promptTokenCount") + Json.number(metadata, "toolUsePromptTokenCount"),
                Json.number(metadata, "candidatesTokenCount") + Json.number(metadata, "thoughtsTokenCount"),
                Json.number(metadata, "cachedContentTokenCount"));
    }

    /** An OpenAI tool call; {@code index} >= 0 adds the streaming index. */
    static ObjectNode toolCall(ObjectNode functionCall, int index) {
        ObjectNode call = Json.object();
        if (index >= 0) {
            call.put("index", index);
        }
        String id = Json.text(functionCall, "id");
        call.put("id", id != null ? id : Translation.newToolCallId());
        call.put("type", "function");
        ObjectNode function = call.putObject("function");
        function.put("name", Json.text(functionCall, "name"));
        function.put("arguments", Json.write(functionCall.has("args") ? functionCall.get("args") : Json.object()));
        return call;
    }

    // https://ai.google.dev/api/generate-content#FinishReason
    static String finishReason(String reason, boolean calledTools) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" -> "content_filter";
            default -> calledTools ? "tool_calls" : "stop";
        };
    }

    static String id(JsonNode response) {
        String id = Json.text(response, "responseId");
        return id != null ? id : "chatcmpl-" + Translation.newToolCallId().substring(5);
    }

    static String modelOf(JsonNode response, String requested) {
        String version = Json.text(response, "modelVersion");
        return version != null ? version : requested;
    }

    /** Streamed {@code GenerateContentResponse}s -> OpenAI chunks; one instance per stream. */
    static final class Stream {
        private final ChatStreamSink sink;
        private final String requestedModel;
        private final long created;
        private final Map<Integer, Integer> toolCounts = new HashMap<>();
        private final Map<Integer, Boolean> calledTools = new HashMap<>();
        private String id;
        private String model;
        private JsonNode usage;
        private String finishReason;
        private boolean started;

        Stream(ChatStreamSink sink, String requestedModel, long created) {
            this.sink = sink;
            this.requestedModel = requestedModel;
            this.created = created;
        }

        void on(ObjectNode response) {
            if (id == null) {
                id = id(response);
                model = modelOf(response, requestedModel);
            }
            if (response.get("usageMetadata") instanceof ObjectNode metadata) {
                usage = metadata;
            }
            for (JsonNode candidate : response.path("candidates").values()) {
                int index = candidate.path("index").asInt(0);
                ObjectNode delta = Json.object();
                if (!started) {
                    delta.put("role", "assistant");
                    started = true;
                }
                StringBuilder text = new StringBuilder();
                ArrayNode calls = Json.array();
                for (JsonNode part : candidate.path("content").path("parts").values()) {
                    if (part.path("thought").asBoolean(false)) {
                        continue;
                    }
                    if (part.hasNonNull("text")) {
                        text.append(Json.text(part, "text"));
                    } else if (part.get("functionCall") instanceof ObjectNode functionCall) {
                        int toolIndex = toolCounts.merge(index, 1, Integer::sum) - 1;
                        calls.add(toolCall(functionCall, toolIndex));
                        calledTools.put(index, true);
                    }
                }
                if (!text.isEmpty()) {
                    delta.put("content", text.toString());
                }
                if (!calls.isEmpty()) {
                    delta.set("tool_calls", calls);
                }
                String reason =
                        finishReason(Json.text(candidate, "finishReason"), calledTools.getOrDefault(index, false));
                if (reason != null) {
                    finishReason = reason;
                }
                if (!delta.isEmpty() || reason != null) {
                    ObjectNode chunk = Translation.chunk(id, model, created, delta, reason);
                    ((ObjectNode) chunk.path("choices").path(0)).put("index", index);
                    sink.chunk(chunk);
                }
            }
        }

        boolean finished() {
            return finishReason != null;
        }

        StreamOutcome finish() {
            Usage total = usage == null ? Usage.NONE : usage(usage);
            if (usage != null) {
                sink.chunk(Translation.usageChunk(id, model, created, total));
            }
            return new StreamOutcome(total, usage != null, finishReason);
        }
    }
}
