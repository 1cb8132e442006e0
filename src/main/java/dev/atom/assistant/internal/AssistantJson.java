package dev.atom.assistant.internal;

import dev.atom.connectors.ActionRunResults;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The assistant's JSON: conversations, messages (with their tool calls and actions) and actions. Stateless. */
final class AssistantJson {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AssistantJson() {}

    static ObjectNode conversation(Conversation c) {
        ObjectNode out = NODES.objectNode().put("id", c.id()).put("title", c.title());
        out.put("createdAt", c.createdAt().toString())
                .put("updatedAt", c.updatedAt().toString());
        return out;
    }

    /** The conversation with its messages; {@code actions} by the id of the message that made them. */
    static ObjectNode conversation(Conversation c, List<Message> messages, Map<String, List<Action>> actions) {
        ObjectNode out = conversation(c);
        ArrayNode list = out.putArray("messages");
        for (Message m : messages) {
            list.add(message(m, actions.getOrDefault(m.id(), List.of())));
        }
        return out;
    }

    static ObjectNode message(Message m, List<Action> actions) {
        ObjectNode out = NODES.objectNode()
                .put("id", m.id())
                .put("role", m.role().wire())
                .put("text", m.text());
        if (m.toolCalls() != null) {
            ArrayNode calls = out.putArray("toolCalls");
            for (JsonNode call : parse(m.toolCalls())) {
                ObjectNode c = calls.addObject()
                        .put("id", call.path("id").asString(""))
                        .put("tool", call.path("function").path("name").asString(""));
                c.set(
                        "input",
                        parseLenient(call.path("function").path("arguments").asString("")));
            }
        }
        if (m.toolName() != null) {
            out.put("tool", m.toolName()).put("toolCallId", m.toolCallId());
        }
        if (!actions.isEmpty()) {
            ArrayNode list = out.putArray("actions");
            actions.forEach(a -> list.add(action(a)));
        }
        if (m.model() != null) {
            out.put("model", m.model());
        }
        if (m.costMicros() != null) {
            out.put("costUsd", usd(m.costMicros()));
        }
        if (m.inputTokens() != null) {
            out.putObject("usage")
                    .put("inputTokens", m.inputTokens())
                    .put("outputTokens", m.outputTokens() == null ? 0 : m.outputTokens());
        }
        out.put("createdAt", m.createdAt().toString());
        return out;
    }

    static ObjectNode action(Action a) {
        ObjectNode out = NODES.objectNode()
                .put("id", a.id())
                .put("conversationId", a.conversationId())
                .put("messageId", a.messageId())
                .put("tool", a.tool());
        out.set("input", parse(a.input()));
        out.put("preview", a.preview())
                .put("effect", a.effect())
                .put("status", a.status().wire());
        if (a.summary() != null) {
            out.put("summary", a.summary());
        }
        if (a.error() != null) {
            out.put("error", a.error());
        }
        if (a.runId() != null) {
            out.put("runId", a.runId());
            sending(a, out);
        }
        out.put("undoable", a.status() == Action.Status.DONE && a.undo() != null);
        if (a.undo() != null) {
            out.put("undo", parse(a.undo()).path("summary").asString(null));
        }
        out.put("createdAt", a.createdAt().toString())
                .put("updatedAt", a.updatedAt().toString());
        return out;
    }

    /**
     * A mail or message held for its send delay says where its sending stands: {@code sending} {@code scheduled}
     * (with {@code sendsAt}), {@code sent}, {@code stopped} (undone in time) or {@code not_sent} (the action
     * failed: {@code error} says why).
     */
    private static void sending(Action a, ObjectNode out) {
        JsonNode output = a.output() == null ? null : parse(a.output());
        if (output == null || !a.runId().equals(output.path("runId").asString(null))) {
            return;
        }
        String status = output.path("status").asString("");
        if (status.equals(ActionRunResults.SENT)) {
            out.put("sending", status);
        } else if (status.equals(ActionRunResults.SCHEDULED)) {
            switch (a.status()) {
                case FAILED -> out.put("sending", "not_sent");
                case UNDONE -> out.put("sending", "stopped");
                default ->
                    out.put("sending", status)
                            .put("sendsAt", output.path("sendsAt").asString(null));
            }
        }
    }

    static BigDecimal usd(long micros) {
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros();
    }

    static JsonNode parse(String json) {
        return json == null ? NODES.nullNode() : JSON.readTree(json);
    }

    /** A model's tool arguments: JSON when they parse, else the text as it came (shown, never run). */
    static JsonNode parseLenient(String json) {
        try {
            return json.isBlank() ? NODES.objectNode() : JSON.readTree(json);
        } catch (JacksonException e) {
            return NODES.stringNode(json);
        }
    }

    static String write(JsonNode node) {
        return JSON.writeValueAsString(node);
    }
}
