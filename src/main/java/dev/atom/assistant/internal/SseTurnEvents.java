package dev.atom.assistant.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A turn as server-sent events: {@code event: <name>\ndata: <json>\n\n}, flushed at once, for {@code delta}
 * ({"text"}), {@code tool}, {@code action}, then {@code done} (the final message with usage and cost) or
 * {@code error}. One per request, used from the request's thread only.
 */
final class SseTurnEvents implements TurnEvents {
    private final HttpServletResponse response;

    SseTurnEvents(HttpServletResponse response) {
        this.response = response;
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
    }

    @Override
    public boolean streaming() {
        return true;
    }

    @Override
    public void delta(String text) {
        send("delta", AssistantJson.NODES.objectNode().put("text", text));
    }

    @Override
    public void tool(ObjectNode event) {
        send("tool", event);
    }

    @Override
    public void action(ObjectNode action) {
        send("action", action);
    }

    void send(String event, JsonNode data) {
        try {
            var out = response.getOutputStream();
            out.write(("event: " + event + "\ndata: " + AssistantJson.write(data) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the client went away: the turn ends, what it stored stays
        }
    }
}
