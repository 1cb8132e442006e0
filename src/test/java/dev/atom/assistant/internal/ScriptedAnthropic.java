package dev.atom.assistant.internal;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's Messages API as documented (https://docs.anthropic.com/en/api/messages,
 * https://docs.anthropic.com/en/api/messages-streaming, https://docs.anthropic.com/en/docs/build-with-claude/tool-use):
 * a message with text and tool_use content blocks and stop_reason tool_use / end_turn; streamed as message_start,
 * content_block_start / content_block_delta (text_delta, input_json_delta in pieces) / content_block_stop,
 * message_delta with the stop reason and usage, message_stop. Results come back as tool_result blocks in a user turn.
 */
@SuppressWarnings("unchecked")
final class ScriptedAnthropic extends ScriptedWire {

    ScriptedAnthropic(WireMockServer server, String prefix) {
        super(server, prefix);
    }

    @Override
    String provider() {
        return "anthropic";
    }

    @Override
    String model() {
        return "anthropic/claude-haiku-5-5";
    }

    @Override
    String path(boolean stream) {
        return "/" + prefix + "/v1/messages";
    }

    @Override
    String answer(Object answer) {
        ObjectNode message = start();
        ArrayNode content = message.putArray("content");
        if (answer instanceof String text) {
            content.addObject().put("type", "text").put("text", text);
            message.put("stop_reason", "end_turn");
        } else {
            content.addObject().put("type", "text").put("text", "Let me do that.");
            for (ScriptedModel.Call c : (List<ScriptedModel.Call>) answer) {
                content.addObject()
                        .put("type", "tool_use")
                        .put("id", c.id())
                        .put("name", c.name())
                        .set("input", JSON.readTree(c.arguments()));
            }
            message.put("stop_reason", "tool_use");
        }
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 100).put("output_tokens", 20);
        return JSON.writeValueAsString(message);
    }

    @Override
    String events(Object answer) {
        StringBuilder sse = new StringBuilder();
        ObjectNode start = start();
        start.putArray("content");
        start.putNull("stop_reason");
        start.putNull("stop_sequence");
        start.putObject("usage").put("input_tokens", 100).put("output_tokens", 1);
        event(
                sse,
                "message_start",
                NODES.objectNode().put("type", "message_start").set("message", start));
        event(sse, "ping", NODES.objectNode().put("type", "ping"));
        String stop;
        if (answer instanceof String text) {
            block(sse, 0, NODES.objectNode().put("type", "text").put("text", ""));
            for (String part : text.split("(?<= )")) {
                delta(sse, 0, NODES.objectNode().put("type", "text_delta").put("text", part));
            }
            event(
                    sse,
                    "content_block_stop",
                    NODES.objectNode().put("type", "content_block_stop").put("index", 0));
            stop = "end_turn";
        } else {
            List<ScriptedModel.Call> calls = (List<ScriptedModel.Call>) answer;
            for (int i = 0; i < calls.size(); i++) {
                ScriptedModel.Call c = calls.get(i);
                ObjectNode use = NODES.objectNode()
                        .put("type", "tool_use")
                        .put("id", c.id())
                        .put("name", c.name());
                use.putObject("input");
                block(sse, i, use);
                int half = c.arguments().length() / 2;
                for (String part :
                        List.of(c.arguments().substring(0, half), c.arguments().substring(half))) {
                    delta(
                            sse,
                            i,
                            NODES.objectNode().put("type", "input_json_delta").put("partial_json", part));
                }
                event(
                        sse,
                        "content_block_stop",
                        NODES.objectNode().put("type", "content_block_stop").put("index", i));
            }
            stop = "tool_use";
        }
        ObjectNode end = NODES.objectNode().put("type", "message_delta");
        end.putObject("delta").put("stop_reason", stop).putNull("stop_sequence");
        end.putObject("usage").put("output_tokens", 20);
        event(sse, "message_delta", end);
        event(sse, "message_stop", NODES.objectNode().put("type", "message_stop"));
        return sse.toString();
    }

    @Override
    List<String[]> toolResults(JsonNode request) {
        List<String[]> out = new ArrayList<>();
        for (JsonNode m : request.path("messages")) {
            for (JsonNode block : m.path("content")) {
                if (block.path("type").asString("").equals("tool_result")) {
                    out.add(new String[] {
                        block.path("tool_use_id").asString(),
                        block.path("content").asString()
                    });
                }
            }
        }
        return out;
    }

    @Override
    List<String> toolNames(JsonNode request) {
        return request.path("tools")
                .valueStream()
                .map(t -> t.path("name").asString())
                .toList();
    }

    @Override
    List<String[]> echoedCalls(JsonNode request) {
        List<String[]> out = new ArrayList<>();
        for (JsonNode m : request.path("messages")) {
            for (JsonNode block : m.path("content")) {
                if (block.path("type").asString("").equals("tool_use")) {
                    out.add(new String[] {block.path("name").asString(), JSON.writeValueAsString(block.path("input"))});
                }
            }
        }
        return out;
    }

    private static ObjectNode start() {
        return NODES.objectNode()
                .put("id", "msg_01XFDUDYJgAACzvnptvVoYEL")
                .put("type", "message")
                .put("role", "assistant")
                .put("model", "claude-haiku-5-5");
    }

    private static void block(StringBuilder sse, int index, ObjectNode block) {
        ObjectNode e = NODES.objectNode().put("type", "content_block_start").put("index", index);
        e.set("content_block", block);
        event(sse, "content_block_start", e);
    }

    private static void delta(StringBuilder sse, int index, ObjectNode delta) {
        ObjectNode e = NODES.objectNode().put("type", "content_block_delta").put("index", index);
        e.set("delta", delta);
        event(sse, "content_block_delta", e);
    }

    private static void event(StringBuilder sse, String name, ObjectNode data) {
        sse.append("event: ")
                .append(name)
                .append("\ndata: ")
                .append(JSON.writeValueAsString(data))
                .append("\n\n");
    }
}
