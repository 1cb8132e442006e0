package dev.atom.ai.providers;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI Chat Completions request -> Anthropic Messages request (https://docs.anthropic.com/en/api/messages).
 * System and developer messages become {@code system}; user and assistant turns become content blocks (text,
 * image with a base64 or url source, tool_use); {@code tool} messages become tool_result blocks in a user
 * turn; consecutive turns of one role are merged, as the API wants them alternating.
 *
 * <p>Limits, documented: {@code response_format: json_schema} is emulated with a forced tool whose input
 * schema is the requested schema (the answer's tool input becomes the message content); {@code json_object}
 * only adds an instruction to the system prompt. When both temperature and top_p are given only temperature
 * is sent (newer Claude models reject both), and temperature is capped at 1 (Anthropic's maximum).
 */
final class AnthropicRequests {
    static final int DEFAULT_MAX_TOKENS = 4096;
    private static final String PROVIDER = "anthropic";

    /** The translated request, and the name of the forced JSON-output tool (null without one). */
    record Translated(ObjectNode body, String jsonTool) {}

    private AnthropicRequests() {}

    static Translated translate(ObjectNode request, boolean stream) throws ProviderException {
        ObjectNode out = Json.object();
        out.put("model", Json.text(request, "model"));
        long maxTokens = Json.number(request, "max_completion_tokens");
        out.put(
                "max_tokens",
                maxTokens > 0
                        ? maxTokens
                        : Json.number(request, "max_tokens") > 0
                                ? Json.number(request, "max_tokens")
                                : DEFAULT_MAX_TOKENS);

        List<String> system = new ArrayList<>();
        ArrayNode messages = out.putArray("messages");
        for (JsonNode message : request.path("messages").values()) {
            String role = Json.text(message, "role");
            if (role == null) {
                throw Translation.badRequest(PROVIDER, "every message needs a role");
            }
            switch (role) {
                case "system", "developer" -> system.add(Translation.text(message.get("content")));
                case "user" -> append(messages, "user", userBlocks(message.get("content")));
                case "assistant" -> append(messages, "assistant", assistantBlocks(message));
                case "tool" -> append(messages, "user", List.of(toolResult(message)));
                default -> throw Translation.badRequest(PROVIDER, "unknown message role " + role);
            }
        }

        String jsonTool = null;
        JsonNode format = request.get("response_format");
        String formatType = Json.text(format, "type");
        if ("json_object".equals(formatType)) {
            system.add("Respond only with a valid JSON object, without any other text.");
        }
        if (!system.isEmpty()) {
            out.put("system", String.join("\n\n", system));
        }
        if (request.hasNonNull("temperature")) {
            out.put("temperature", Math.min(1.0, request.get("temperature").asDouble()));
        } else if (request.hasNonNull("top_p")) {
            out.put("top_p", request.get("top_p").asDouble());
        }
        JsonNode stop = request.get("stop");
        if (stop != null && stop.isString()) {
            out.putArray("stop_sequences").add(stop.stringValue());
        } else if (stop != null && stop.isArray() && !stop.isEmpty()) {
            out.set("stop_sequences", stop.deepCopy());
        }
        String user = Json.text(request, "user");
        if (user != null) {
            out.putObject("metadata").put("user_id", user);
        }

        if (request.get("tools") instanceof ArrayNode tools && !tools.isEmpty()) {
            ArrayNode translated = out.putArray("tools");
            for (JsonNode tool : tools.values()) {
                JsonNode function = tool.path("function");
                ObjectNode t = translated.addObject();
                t.put("name", Json.text(function, "name"));
                if (function.hasNonNull("description")) {
                    t.put("description", Json.text(function, "description"));
                }
                t.set("input_schema", schemaOrEmpty(function.get("parameters")));
            }
            ObjectNode choice = toolChoice(request.get("tool_choice"));
            if (choice != null) {
                if (request.path("parallel_tool_calls").isBoolean()
                        && !request.get("parallel_tool_calls").asBoolean()
                        && !"none".equals(Json.text(choice, "type"))) {
                    choice.put("disable_parallel_tool_use", true);
                }
                out.set("tool_choice", choice);
            }
        }
        if ("json_schema".equals(formatType)) {
            JsonNode spec = format.path("json_schema");
            String name = Json.text(spec, "name");
            jsonTool = name != null && name.matches("[a-zA-Z0-9_-]{1,64}") ? name : "json_response";
            ObjectNode tool = out.withArray("tools").addObject();
            tool.put("name", jsonTool);
            String description = Json.text(spec, "description");
            tool.put("description", description != null ? description : "Respond with JSON that matches this schema.");
            tool.set("input_schema", schemaOrEmpty(spec.get("schema")));
            ObjectNode choice = out.putObject("tool_choice");
            choice.put("type", "tool");
            choice.put("name", jsonTool);
        }
        if (stream) {
            out.put("stream", true);
        }
        return new Translated(out, jsonTool);
    }

    private static ObjectNode schemaOrEmpty(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            return object.deepCopy();
        }
        ObjectNode empty = Json.object();
        empty.put("type", "object");
        empty.putObject("properties");
        return empty;
    }

    private static ObjectNode toolChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        ObjectNode out = Json.object();
        if (choice.isString()) {
            switch (choice.stringValue()) {
                case "required" -> out.put("type", "any");
                case "none" -> out.put("type", "none");
                default -> out.put("type", "auto");
            }
            return out;
        }
        out.put("type", "tool");
        out.put("name", Json.text(choice.path("function"), "name"));
        return out;
    }

    private static List<ObjectNode> userBlocks(JsonNode content) throws ProviderException {
        List<ObjectNode> blocks = new ArrayList<>();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isString()) {
            blocks.add(textBlock(content.stringValue()));
            return blocks;
        }
        for (JsonNode part : content.values()) {
            String type = Json.text(part, "type");
            if ("text".equals(type)) {
                blocks.add(textBlock(Json.text(part, "text")));
            } else if ("image_url".equals(type)) {
                blocks.add(image(Json.text(part.path("image_url"), "url")));
            } else {
                throw Translation.badRequest(PROVIDER, "content parts of type " + type + " are not supported");
            }
        }
        return blocks;
    }

    // https://docs.anthropic.com/en/docs/build-with-claude/vision: base64 and url image sources
    private static ObjectNode image(String url) throws ProviderException {
        if (url == null) {
            throw Translation.badRequest(PROVIDER, "an image_url part needs a url");
        }
        ObjectNode block = Json.object();
        block.put("type", "image");
        ObjectNode source = block.putObject("source");
        Translation.DataUrl data = Translation.DataUrl.parse(url);
        if (data != null) {
            source.put("type", "base64");
            source.put("media_type", data.mediaType());
            source.put("data", data.data());
        } else {
            source.put("type", "url");
            source.put("url", url);
        }
        return block;
    }

    private static List<ObjectNode> assistantBlocks(JsonNode message) throws ProviderException {
        List<ObjectNode> blocks = new ArrayList<>();
        String text = Translation.text(message.get("content"));
        if (!text.isEmpty()) {
            blocks.add(textBlock(text));
        }
        for (JsonNode call : message.path("tool_calls").values()) {
            ObjectNode block = Json.object();
            block.put("type", "tool_use");
            block.put("id", Json.text(call, "id"));
            block.put("name", Json.text(call.path("function"), "name"));
            block.set("input", Translation.arguments(PROVIDER, Json.text(call.path("function"), "arguments")));
            blocks.add(block);
        }
        return blocks;
    }

    private static ObjectNode toolResult(JsonNode message) {
        ObjectNode block = Json.object();
        block.put("type", "tool_result");
        block.put("tool_use_id", Json.text(message, "tool_call_id"));
        block.put("content", Translation.text(message.get("content")));
        return block;
    }

    private static ObjectNode textBlock(String text) {
        ObjectNode block = Json.object();
        block.put("type", "text");
        block.put("text", text);
        return block;
    }

    /** Adds blocks as a turn of {@code role}, merged into the previous turn when it has the same role. */
    private static void append(ArrayNode messages, String role, List<ObjectNode> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        ArrayNode content;
        if (last != null && role.equals(Json.text(last, "role"))) {
            content = (ArrayNode) last.get("content");
        } else {
            ObjectNode turn = messages.addObject();
            turn.put("role", role);
            content = turn.putArray("content");
        }
        blocks.forEach(content::add);
    }
}
