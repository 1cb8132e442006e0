package dev.atom.ai.providers;

import dev.atom.ai.Usage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic Messages answer -> OpenAI {@code chat.completion} (https://docs.anthropic.com/en/api/messages):
 * text blocks become the content, tool_use blocks become tool_calls with JSON-string arguments, stop_reason
 * becomes finish_reason. Usage: Anthropic's {@code input_tokens} excludes cache reads and cache writes, so
 * prompt_tokens is their sum; cache reads are the cached tokens. Cache writes
 * ({@code cache_creation_input_tokens}, billed at 1.25x input) are counted as plain input and also kept in
 * the usage block under their own name.
 */
final class AnthropicResponses {

    private AnthropicResponses() {}

    static ObjectNode toChatCompletion(ObjectNode message, String jsonTool, long created) {
        StringBuilder text = new StringBuilder();
        ArrayNode toolCalls = Json.array();
        String jsonOutput = null;
        for (JsonNode block : message.path("content").values()) {
            String type = Json.text(block, "type");
            if ("text".equals(type)) {
                text.append(Json.text(block, "text"));
            } else if ("tool_use".equals(type)) {
                String name = Json.text(block, "name");
                String arguments = Json.write(block.has("input") ? block.get("input") : Json.object());
                if (name != null && name.equals(jsonTool)) {
                    jsonOutput = arguments;
                    continue;
                }
                ObjectNode call = toolCalls.addObject();
                call.put("id", Json.text(block, "id"));
                call.put("type", "function");
                ObjectNode function = call.putObject("function");
                function.put("name", name);
                function.put("arguments", arguments);
            }
        }
        ObjectNode out = Json.object();
        out.put("id", Json.text(message, "id"));
        out.put("object", "chat.completion");
        out.put("created", created);
        out.put("model", Json.text(message, "model"));
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode reply = choice.putObject("message");
        reply.put("role", "assistant");
        if (jsonOutput != null) {
            reply.put("content", jsonOutput);
        } else if (!text.isEmpty() || toolCalls.isEmpty()) {
            reply.put("content", text.toString());
        } else {
            reply.putNull("content");
        }
        if (!toolCalls.isEmpty()) {
            reply.set("tool_calls", toolCalls);
        }
        choice.putNull("logprobs");
        String reason = finishReason(Json.text(message, "stop_reason"));
        choice.put("finish_reason", jsonOutput != null && "tool_calls".equals(reason) ? "stop" : reason);
        out.set("usage", usageBlock(message.path("usage")));
        return out;
    }

    static Usage usage(JsonNode usage) {
        long cacheRead = Json.number(usage, "cache_read_input_tokens");
        long cacheWrite = Json.number(usage, "cache_creation_input_tokens");
        return new Usage(
                Json.number(usage, "input_tokens") + cacheRead + cacheWrite,
                Json.number(usage, "output_tokens"),
                cacheRead);
    }

    static ObjectNode usageBlock(JsonNode usage) {
        ObjectNode block = Translation.usage(usage(usage));
        long cacheWrite = Json.number(usage, "cache_creation_input_tokens");
        if (cacheWrite > 0) {
            block.put("cache_creation_input_tokens", cacheWrite);
        }
        return block;
    }

    // https://docs.anthropic.com/en/api/handling-stop-reasons
    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn
        };
    }
}
