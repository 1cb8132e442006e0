package dev.atom.ai.providers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI Chat Completions request -> Gemini {@code generateContent} request
 * (https://ai.google.dev/api/generate-content, https://ai.google.dev/gemini-api/docs/function-calling):
 * system and developer messages -> {@code systemInstruction}; user -> role {@code user}, assistant -> role
 * {@code model}; images -> {@code inlineData} (data URLs) or {@code fileData} (other URLs); tool calls ->
 * {@code functionCall} parts; tool results -> {@code functionResponse} parts (named after the call they
 * answer); tools -> {@code functionDeclarations}. JSON schemas go as {@code parametersJsonSchema} and
 * {@code responseJsonSchema}, the fields that take JSON Schema as OpenAI clients write it (the older
 * {@code parameters}/{@code responseSchema} take only an OpenAPI subset and reject e.g. additionalProperties).
 *
 * <p>Limits: Gemini 3's thought signatures on function calls are not carried through the OpenAI history.
 */
final class GeminiRequests {
    private static final String PROVIDER = "gemini";

    private GeminiRequests() {}

    static ObjectNode translate(ObjectNode request) throws ProviderException {
        ObjectNode out = Json.object();
        ArrayNode contents = out.putArray("contents");
        List<String> system = new ArrayList<>();
        Map<String, String> toolNames = new HashMap<>();
        for (JsonNode message : request.path("messages").values()) {
            String role = Json.text(message, "role");
            if (role == null) {
                throw Translation.badRequest(PROVIDER, "every message needs a role");
            }
            switch (role) {
                case "system", "developer" -> system.add(Translation.text(message.get("content")));
                case "user" -> append(contents, "user", userParts(message.get("content")));
                case "assistant" -> append(contents, "model", modelParts(message, toolNames));
                case "tool" -> append(contents, "user", List.of(functionResponse(message, toolNames)));
                default -> throw Translation.badRequest(PROVIDER, "unknown message role " + role);
            }
        }
        if (!system.isEmpty()) {
            out.putObject("systemInstruction").putArray("parts").addObject().put("text", String.join("\n\n", system));
        }
        if (request.get("tools") instanceof ArrayNode tools && !tools.isEmpty()) {
            ArrayNode declarations = out.putArray("tools").addObject().putArray("functionDeclarations");
            for (JsonNode tool : tools.values()) {
                JsonNode function = tool.path("function");
                ObjectNode declaration = declarations.addObject();
                declaration.put("name", Json.text(function, "name"));
                if (function.hasNonNull("description")) {
                    declaration.put("description", Json.text(function, "description"));
                }
                if (function.get("parameters") instanceof ObjectNode parameters) {
                    declaration.set("parametersJsonSchema", parameters.deepCopy());
                }
            }
            ObjectNode config = toolConfig(request.get("tool_choice"));
            if (config != null) {
                out.putObject("toolConfig").set("functionCallingConfig", config);
            }
        }
        ObjectNode generation = generationConfig(request);
        if (!generation.isEmpty()) {
            out.set("generationConfig", generation);
        }
        return out;
    }

    private static ObjectNode generationConfig(ObjectNode request) {
        ObjectNode config = Json.object();
        long maxTokens = Json.number(request, "max_completion_tokens");
        if (maxTokens <= 0) {
            maxTokens = Json.number(request, "max_tokens");
        }
        if (maxTokens > 0) {
            config.put("maxOutputTokens", maxTokens);
        }
        copyNumber(request, "temperature", config, "temperature");
        copyNumber(request, "top_p", config, "topP");
        copyNumber(request, "presence_penalty", config, "presencePenalty");
        copyNumber(request, "frequency_penalty", config, "frequencyPenalty");
        copyNumber(request, "seed", config, "seed");
        copyNumber(request, "n", config, "candidateCount");
        JsonNode stop = request.get("stop");
        if (stop != null && stop.isString()) {
            config.putArray("stopSequences").add(stop.stringValue());
        } else if (stop != null && stop.isArray() && !stop.isEmpty()) {
            config.set("stopSequences", stop.deepCopy());
        }
        JsonNode format = request.get("response_format");
        String type = Json.text(format, "type");
        if ("json_object".equals(type) || "json_schema".equals(type)) {
            config.put("responseMimeType", "application/json");
        }
        if ("json_schema".equals(type) && format.path("json_schema").get("schema") instanceof ObjectNode schema) {
            config.set("responseJsonSchema", schema.deepCopy());
        }
        return config;
    }

    private static void copyNumber(ObjectNode from, String field, ObjectNode to, String as) {
        JsonNode value = from.get(field);
        if (value != null && value.isNumber()) {
            to.set(as, value);
        }
    }

    private static ObjectNode toolConfig(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        ObjectNode config = Json.object();
        if (choice.isString()) {
            config.put(
                    "mode",
                    switch (choice.stringValue()) {
                        case "required" -> "ANY";
                        case "none" -> "NONE";
                        default -> "AUTO";
                    });
            return config;
        }
        config.put("mode", "ANY");
        config.putArray("allowedFunctionNames").add(Json.text(choice.path("function"), "name"));
        return config;
    }

    private static List<ObjectNode> userParts(JsonNode content) throws ProviderException {
        List<ObjectNode> parts = new ArrayList<>();
        if (content == null || content.isNull()) {
            return parts;
        }
        if (content.isString()) {
            parts.add(textPart(content.stringValue()));
            return parts;
        }
        for (JsonNode part : content.values()) {
            String type = Json.text(part, "type");
            if ("text".equals(type)) {
                parts.add(textPart(Json.text(part, "text")));
            } else if ("image_url".equals(type)) {
                parts.add(image(Json.text(part.path("image_url"), "url")));
            } else {
                throw Translation.badRequest(PROVIDER, "content parts of type " + type + " are not supported");
            }
        }
        return parts;
    }

    // https://ai.google.dev/gemini-api/docs/image-understanding: inline data, or a file URI
    private static ObjectNode image(String url) throws ProviderException {
        if (url == null) {
            throw Translation.badRequest(PROVIDER, "an image_url part needs a url");
        }
        ObjectNode part = Json.object();
        Translation.DataUrl data = Translation.DataUrl.parse(url);
        if (data != null) {
            ObjectNode inline = part.putObject("inlineData");
            inline.put("mimeType", data.mediaType());
            inline.put("data", data.data());
        } else {
            ObjectNode file = part.putObject("fileData");
            file.put("mimeType", Translation.mediaTypeOf(url));
            file.put("fileUri", url);
        }
        return part;
    }

    private static List<ObjectNode> modelParts(JsonNode message, Map<String, String> toolNames)
            throws ProviderException {
        List<ObjectNode> parts = new ArrayList<>();
        String text = Translation.text(message.get("content"));
        if (!text.isEmpty()) {
            parts.add(textPart(text));
        }
        for (JsonNode call : message.path("tool_calls").values()) {
            String name = Json.text(call.path("function"), "name");
            String id = Json.text(call, "id");
            if (id != null) {
                toolNames.put(id, name);
            }
            ObjectNode part = Json.object();
            ObjectNode functionCall = part.putObject("functionCall");
            functionCall.put("name", name);
            functionCall.set("args", Translation.arguments(PROVIDER, Json.text(call.path("function"), "arguments")));
            parts.add(part);
        }
        return parts;
    }

    private static ObjectNode functionResponse(JsonNode message, Map<String, String> toolNames)
            throws ProviderException {
        String name = toolNames.get(Json.text(message, "tool_call_id"));
        if (name == null) {
            name = Json.text(message, "name");
        }
        if (name == null) {
            throw Translation.badRequest(PROVIDER, "a tool message must answer an earlier tool call");
        }
        String content = Translation.text(message.get("content"));
        JsonNode parsed = Json.parseOrNull(content);
        ObjectNode response;
        if (parsed instanceof ObjectNode object) {
            response = object;
        } else {
            response = Json.object();
            response.set(
                    "result",
                    parsed != null ? parsed : Json.MAPPER.getNodeFactory().stringNode(content));
        }
        ObjectNode part = Json.object();
        ObjectNode functionResponse = part.putObject("functionResponse");
        functionResponse.put("name", name);
        functionResponse.set("response", response);
        return part;
    }

    private static ObjectNode textPart(String text) {
        ObjectNode part = Json.object();
        part.put("text", text);
        return part;
    }

    private static void append(ArrayNode contents, String role, List<ObjectNode> parts) {
        if (parts.isEmpty()) {
            return;
        }
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        ArrayNode target;
        if (last != null && role.equals(Json.text(last, "role"))) {
            target = (ArrayNode) last.get("parts");
        } else {
            ObjectNode content = contents.addObject();
            content.put("role", role);
            target = content.putArray("parts");
        }
        parts.forEach(target::add);
    }
}
