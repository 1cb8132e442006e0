package dev.atom.assistant.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A conversation as OpenAI chat messages for the model. A tool message of an action the person has since decided
 * says what became of it (done, rejected, failed, undone), so the model never assumes a pending write happened. A
 * tool call left without a result (a turn cut short) gets one saying so: providers refuse unanswered calls.
 */
final class History {
    private History() {}

    static ArrayNode of(String system, List<Message> stored, Map<String, Action> actionsByCall) {
        ArrayNode out = AssistantJson.NODES.arrayNode();
        out.addObject().put("role", "system").put("content", system);
        Set<String> unanswered = new LinkedHashSet<>();
        for (Message m : stored) {
            if (m.role() != Message.Role.TOOL) {
                answerMissing(out, unanswered);
            }
            switch (m.role()) {
                case USER -> out.addObject().put("role", "user").put("content", m.text());
                case ASSISTANT -> {
                    ObjectNode a = out.addObject().put("role", "assistant").put("content", m.text());
                    if (m.toolCalls() != null) {
                        JsonNode calls = AssistantJson.parse(m.toolCalls());
                        a.set("tool_calls", calls);
                        calls.forEach(c -> unanswered.add(c.path("id").asString()));
                    } else if (m.text() == null) {
                        out.remove(out.size() - 1);
                    }
                }
                case TOOL -> {
                    unanswered.remove(m.toolCallId());
                    Action action = actionsByCall.get(m.toolCallId());
                    out.addObject()
                            .put("role", "tool")
                            .put("tool_call_id", m.toolCallId())
                            .put("content", waited(action, m) ? decided(action, m.text()) : m.text());
                }
            }
        }
        answerMissing(out, unanswered);
        return out;
    }

    /** True for the result of a call that waited for approval (not a write that ran at once). */
    private static boolean waited(Action action, Message m) {
        return action != null && m.text() != null && m.text().contains("\"waiting_for_approval\"");
    }

    private static String decided(Action action, String asStored) {
        ObjectNode out = AssistantJson.NODES.objectNode().put("actionId", action.id());
        switch (action.status()) {
            case PENDING, RUNNING -> {
                return asStored;
            }
            case DONE -> out.put("status", "done (approved by the person)").put("summary", action.summary());
            case FAILED -> out.put("status", "failed").put("error", action.error());
            case REJECTED -> out.put("status", "rejected by the person").put("reason", action.error());
            case UNDONE -> out.put("status", "done, then undone by the person").put("summary", action.summary());
        }
        return AssistantJson.write(out);
    }

    private static void answerMissing(ArrayNode out, Set<String> unanswered) {
        for (String id : unanswered) {
            out.addObject()
                    .put("role", "tool")
                    .put("tool_call_id", id)
                    .put("content", "{\"error\":\"No result: the turn ended before this call ran.\"}");
        }
        unanswered.clear();
    }
}
