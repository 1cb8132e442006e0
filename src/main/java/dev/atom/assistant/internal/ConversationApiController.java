package dev.atom.assistant.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/assistant/conversations}: the caller's own conversations only; also under
 * {@code /assistant/api/conversations} for the chat page (session cookie and CSRF token).
 */
@RestController
@RequestMapping({"/api/v1/assistant/conversations", "/assistant/api/conversations"})
class ConversationApiController {
    private final Conversations conversations;

    ConversationApiController(Conversations conversations) {
        this.conversations = conversations;
    }

    @PostMapping
    ResponseEntity<ObjectNode> create(
            @AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) JsonNode body) {
        String title = title(body, false);
        Conversation c = conversations.create(user, title);
        return ResponseEntity.created(URI.create("/api/v1/assistant/conversations/" + c.id()))
                .body(AssistantJson.NODES.objectNode().put("id", c.id()).put("title", c.title()));
    }

    @GetMapping
    ObjectNode list(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        int size = 20;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > 100) {
                throw ApiException.invalid("limit", "must be a whole number from 1 to 100");
            }
        }
        return conversations.page(user, size, cursor);
    }

    @GetMapping("/{id}")
    ObjectNode get(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return conversations.show(user, id);
    }

    @PatchMapping("/{id}")
    ObjectNode rename(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        conversations.get(user, id); // an unknown or foreign id is 404 before any validation answer
        return AssistantJson.conversation(conversations.rename(user, id, title(body, true)));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        conversations.delete(user, id);
        return ResponseEntity.noContent().build();
    }

    /** The optional (or, to rename, required) title: a string of 1 to 200 characters. */
    private static String title(JsonNode body, boolean required) {
        if (body != null && !body.isNull() && !body.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
        JsonNode title = body == null ? null : body.get("title");
        if (title == null || title.isNull()) {
            if (required) {
                throw ApiException.invalid("title", "is required");
            }
            return null;
        }
        if (!title.isString() || title.asString().isBlank()) {
            throw ApiException.invalid("title", "must be a non-empty string");
        }
        String text = title.asString().strip();
        if (text.length() > Conversations.MAX_TITLE) {
            throw ApiException.invalid("title", "must be at most " + Conversations.MAX_TITLE + " characters");
        }
        return text;
    }
}
