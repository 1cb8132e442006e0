package dev.atom.assistant.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.UncheckedIOException;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A turn ({@code POST .../conversations/{id}/messages}, as JSON or, with {@code Accept: text/event-stream}, as
 * server-sent events) and the person's decisions on actions ({@code /api/v1/assistant/actions/{id}/...}); the
 * same routes under {@code /assistant/api} serve the chat page (session cookie and CSRF token).
 */
@RestController
class AssistantApiController {
    private final TurnService turns;
    private final ActionService actions;

    AssistantApiController(TurnService turns, ActionService actions) {
        this.turns = turns;
        this.actions = actions;
    }

    @PostMapping(
            path = {"/api/v1/assistant/conversations/{id}/messages", "/assistant/api/conversations/{id}/messages"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode send(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        return turns.run(turns.prepare(user, id, body), TurnEvents.NONE).json();
    }

    @PostMapping(
            path = {"/api/v1/assistant/conversations/{id}/messages", "/assistant/api/conversations/{id}/messages"},
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void stream(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body,
            HttpServletResponse response) {
        TurnService.Prepared prepared = turns.prepare(user, id, body); // 404 and 400 as problem+json, not events
        SseTurnEvents events = new SseTurnEvents(response);
        try {
            TurnService.Outcome outcome = turns.run(prepared, events);
            ObjectNode done = outcome.json();
            if (outcome.error() != null) {
                events.send("error", done.get("error"));
            }
            events.send("done", done);
        } catch (UncheckedIOException e) {
            // the client went away; what the turn stored stays
        } catch (RuntimeException e) {
            events.send(
                    "error",
                    AssistantJson.NODES
                            .objectNode()
                            .put("code", "internal_error")
                            .put("message", "The turn failed in Atom; what it did so far is in the conversation."));
            throw e;
        }
    }

    @PostMapping({"/api/v1/assistant/actions/{id}/approve", "/assistant/api/actions/{id}/approve"})
    ObjectNode approve(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        actions.get(user, id); // an unknown or foreign id is 404 before any validation answer
        JsonNode input = body == null || body.isNull() ? null : body.get("input");
        if (input != null && !input.isNull() && !input.isObject()) {
            throw ApiException.invalid("input", "must be a JSON object");
        }
        return AssistantJson.action(actions.approve(user, id, input));
    }

    @PostMapping({"/api/v1/assistant/actions/{id}/reject", "/assistant/api/actions/{id}/reject"})
    ObjectNode reject(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        actions.get(user, id);
        JsonNode reason = body == null || body.isNull() ? null : body.get("reason");
        if (reason != null
                && !reason.isNull()
                && (!reason.isString() || reason.asString().length() > 2000)) {
            throw ApiException.invalid("reason", "must be a string of at most 2000 characters");
        }
        return AssistantJson.action(
                actions.reject(user, id, reason == null || reason.isNull() ? null : reason.asString()));
    }

    @PostMapping({"/api/v1/assistant/actions/{id}/undo", "/assistant/api/actions/{id}/undo"})
    ObjectNode undo(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return AssistantJson.action(actions.undo(user, id));
    }
}
