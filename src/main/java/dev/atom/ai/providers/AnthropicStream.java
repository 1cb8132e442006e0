package dev.atom.ai.providers;

import dev.atom.ai.ChatStreamSink;
import dev.atom.ai.Usage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's streamed events -> OpenAI chunks (https://docs.anthropic.com/en/api/messages-streaming):
 * message_start opens the answer (role chunk), content_block_start/delta carry text and tool calls (a
 * tool_use block start gives the call's id and name, input_json_delta its arguments in pieces),
 * message_delta gives stop_reason and the cumulative usage, message_stop ends it (our usage chunk); ping is
 * ignored and an error event throws. One instance per stream.
 */
final class AnthropicStream {
    private final ChatStreamSink sink;
    private final String jsonTool;
    private final long created;
    private final String apiKey;
    private final java.time.Clock clock;
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private final Set<Integer> jsonBlocks = new HashSet<>();
    private String id = "";
    private String model = "";
    private JsonNode usage;
    private String finishReason;
    private boolean stopped;

    AnthropicStream(ChatStreamSink sink, String jsonTool, long created, String apiKey, java.time.Clock clock) {
        this.sink = sink;
        this.jsonTool = jsonTool;
        this.created = created;
        this.apiKey = apiKey;
        this.clock = clock;
    }

    boolean stopped() {
        return stopped;
    }

    StreamOutcome outcome() {
        Usage total = usage == null ? Usage.NONE : AnthropicResponses.usage(usage);
        return new StreamOutcome(total, usage != null, finishReason);
    }

    void on(JsonNode event) throws ProviderException {
        String type = Json.text(event, "type");
        if (type == null) {
            throw ProviderHttp.invalidResponse("anthropic", 200, "a stream event has no type");
        }
        switch (type) {
            case "message_start" -> {
                JsonNode message = event.path("message");
                id = Json.text(message, "id");
                model = Json.text(message, "model");
                usage = message.get("usage");
                ObjectNode delta = Json.object();
                delta.put("role", "assistant");
                delta.put("content", "");
                emit(delta, null);
            }
            case "content_block_start" -> blockStart(event.path("index").asInt(), event.path("content_block"));
            case "content_block_delta" -> blockDelta(event.path("index").asInt(), event.path("delta"));
            case "message_delta" -> {
                mergeUsage(event.get("usage"));
                String reason = AnthropicResponses.finishReason(Json.text(event.path("delta"), "stop_reason"));
                if (reason != null) {
                    finishReason = !jsonBlocks.isEmpty() && "tool_calls".equals(reason) ? "stop" : reason;
                    emit(Json.object(), finishReason);
                }
            }
            case "message_stop" -> {
                stopped = true;
                sink.chunk(Translation.usageChunk(id, model, created, outcome().usage()));
            }
            case "error" -> throw error(event.path("error"));
            default -> {} // ping, content_block_stop, and event types added later
        }
    }

    private void blockStart(int index, JsonNode block) {
        String type = Json.text(block, "type");
        if ("text".equals(type)) {
            String text = Json.text(block, "text");
            if (text != null && !text.isEmpty()) {
                emit(content(text), null);
            }
        } else if ("tool_use".equals(type)) {
            String name = Json.text(block, "name");
            if (name != null && name.equals(jsonTool)) {
                jsonBlocks.add(index);
                return;
            }
            int toolIndex = toolIndexByBlock.size();
            toolIndexByBlock.put(index, toolIndex);
            ObjectNode call = Json.object();
            call.put("index", toolIndex);
            call.put("id", Json.text(block, "id"));
            call.put("type", "function");
            ObjectNode function = call.putObject("function");
            function.put("name", name);
            function.put("arguments", "");
            ObjectNode delta = Json.object();
            delta.putArray("tool_calls").add(call);
            emit(delta, null);
        }
    }

    private void blockDelta(int index, JsonNode delta) {
        String type = Json.text(delta, "type");
        if ("text_delta".equals(type)) {
            emit(content(Json.text(delta, "text")), null);
        } else if ("input_json_delta".equals(type)) {
            String partial = Json.text(delta, "partial_json");
            if (partial == null || partial.isEmpty()) {
                return;
            }
            if (jsonBlocks.contains(index)) {
                emit(content(partial), null);
                return;
            }
            Integer toolIndex = toolIndexByBlock.get(index);
            if (toolIndex == null) {
                return;
            }
            ObjectNode call = Json.object();
            call.put("index", toolIndex);
            call.putObject("function").put("arguments", partial);
            ObjectNode out = Json.object();
            out.putArray("tool_calls").add(call);
            emit(out, null);
        }
        // thinking_delta, signature_delta, citations_delta: not part of the OpenAI answer
    }

    /** message_delta usage is cumulative; newer API versions also repeat input and cache counts there. */
    private void mergeUsage(JsonNode delta) {
        if (!(delta instanceof ObjectNode update)) {
            return;
        }
        ObjectNode merged = usage instanceof ObjectNode start ? start.deepCopy() : Json.object();
        update.forEachEntry((field, value) -> {
            if (value.isNumber()) {
                merged.set(field, value);
            }
        });
        usage = merged;
    }

    private ProviderException error(JsonNode error) {
        String type = Json.text(error, "type");
        int status = switch (type == null ? "" : type) {
            case "overloaded_error" -> 529;
            case "rate_limit_error" -> 429;
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            default -> 500;
        };
        ObjectNode body = Json.object();
        body.set("error", error);
        return ProviderErrors.fromResponse("anthropic", status, null, Json.write(body), apiKey, clock);
    }

    private static ObjectNode content(String text) {
        ObjectNode delta = Json.object();
        delta.put("content", text);
        return delta;
    }

    private void emit(ObjectNode delta, String finish) {
        sink.chunk(Translation.chunk(id, model, created, delta, finish));
    }
}
