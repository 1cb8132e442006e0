package dev.atom.assistant.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.Ids;
import dev.atom.shared.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ObjectNode;

/** Conversations of the calling user: another user's (or workspace's) conversation is a 404. Thread-safe. */
@Service
class Conversations {
    static final int MAX_TITLE = 200;

    private final ConversationRepository repository;
    private final ActionRepository actions;
    private final HeldSends heldSends;
    private final Clock clock;

    Conversations(ConversationRepository repository, ActionRepository actions, HeldSends heldSends, Clock clock) {
        this.heldSends = heldSends;
        this.repository = repository;
        this.actions = actions;
        this.clock = clock;
    }

    Conversation create(CurrentUser user, String title) {
        Instant now = clock.instant();
        Conversation c = new Conversation(Ids.newId(), user.workspaceId(), user.userId(), title, now, now);
        repository.insert(c);
        return c;
    }

    /** The caller's conversation, or 404 (also for a malformed id, another user's or another workspace's). */
    Conversation get(CurrentUser user, String id) {
        if (!Ids.isValid(id)) {
            throw ApiException.notFound("conversation");
        }
        return repository
                .find(user.workspaceId(), user.userId(), id)
                .orElseThrow(() -> ApiException.notFound("conversation"));
    }

    ObjectNode show(CurrentUser user, String id) {
        Conversation c = get(user, id);
        Map<String, List<Action>> byMessage =
                heldSends.settle(user, actions.ofConversation(user.workspaceId(), c.id())).stream()
                        .collect(Collectors.groupingBy(Action::messageId, LinkedHashMap::new, Collectors.toList()));
        return AssistantJson.conversation(c, repository.messages(user.workspaceId(), c.id()), byMessage);
    }

    ObjectNode page(CurrentUser user, int limit, String cursor) {
        String afterAt = null;
        String afterId = null;
        if (cursor != null) {
            String[] parts = decode(cursor);
            afterAt = parts[0];
            afterId = parts[1];
        }
        var page = repository.page(user.workspaceId(), user.userId(), limit, afterAt, afterId);
        ObjectNode out = AssistantJson.NODES.objectNode();
        var items = out.putArray("items");
        page.items().forEach(c -> items.add(AssistantJson.conversation(c)));
        out.put(
                "nextCursor",
                page.nextId() == null
                        ? null
                        : Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString((page.nextUpdatedAt() + "\n" + page.nextId())
                                        .getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    Conversation rename(CurrentUser user, String id, String title) {
        Conversation c = get(user, id);
        repository.rename(user.workspaceId(), user.userId(), c.id(), title, clock.instant());
        return get(user, id);
    }

    void delete(CurrentUser user, String id) {
        Conversation c = get(user, id);
        repository.delete(user.workspaceId(), user.userId(), c.id());
    }

    private static String[] decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n");
            if (parts.length == 2 && Ids.isValid(parts[1])) {
                return parts;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the 400 below
        }
        throw ApiException.invalid("cursor", "not a cursor this list gave out");
    }
}
