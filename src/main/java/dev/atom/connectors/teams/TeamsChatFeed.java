package dev.atom.connectors.teams;

import static dev.atom.connectors.MicrosoftGraph.query;
import static dev.atom.connectors.MicrosoftGraph.text;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.MessageText;
import dev.atom.connectors.MicrosoftGraph;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.connectors.SyncedItem;
import dev.atom.connectors.SyncedMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code teams.chats}: the person's Teams chat messages for the unified inbox (kind {@code chat}, folder = the
 * chat's id, so a reply goes back to that chat). Graph has no delegated delta over all chats, so each sync lists
 * the {@link #MAX_CHATS} most recently active chats with their latest message, and for each chat active since the
 * cursor asks for the messages modified since then ({@code lastModifiedDateTime gt ...}, newest first, one page).
 * The cursor is the instant the previous sync began; {@link #OVERLAP} covers clock skew, and upserts by id make
 * the overlap harmless. A deleted message is removed. One-on-one chats count as written to the person.
 */
final class TeamsChatFeed implements SyncFeed {
    static final int MAX_CHATS = 50;
    static final Duration OVERLAP = Duration.ofMinutes(2);
    static final Duration FIRST_SYNC = Duration.ofDays(14);

    @Override
    public String id() {
        return "teams.chats";
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedMessage.class;
    }

    @Override
    public SyncPage fetch(ActionContext context, SyncRequest request) {
        Instant now = context.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Instant since;
        if (request.cursor() == null) {
            Instant first = now.minus(FIRST_SYNC);
            since = request.windowStart() != null && request.windowStart().isAfter(first)
                    ? request.windowStart()
                    : first;
        } else {
            try {
                since = Instant.parse(request.cursor().replaceFirst("^v1\\|", ""))
                        .minus(OVERLAP);
            } catch (DateTimeParseException e) {
                return SyncPage.cursorExpired();
            }
        }
        String me = MicrosoftGraph.myId(context);
        int pageSize = Math.max(1, Math.min(request.pageSize() <= 0 ? 50 : request.pageSize(), 50));
        JsonNode chats = MicrosoftGraph.get(
                context, "/me/chats" + query("$top", MAX_CHATS, "$expand", "lastMessagePreview"), null, null);
        List<SyncChange> changes = new ArrayList<>();
        for (JsonNode chat : chats.path("value")) {
            Instant last = MicrosoftGraph.instant(chat.path("lastMessagePreview"), "createdDateTime");
            Instant updated = MicrosoftGraph.instant(chat, "lastUpdatedDateTime");
            Instant active = last != null ? last : updated;
            if (active != null && active.isBefore(since)) {
                continue;
            }
            String chatId = chat.path("id").asString();
            JsonNode page = MicrosoftGraph.get(
                    context,
                    "/chats/" + MicrosoftGraph.enc(chatId) + "/messages"
                            + query(
                                    "$top",
                                    pageSize,
                                    "$orderby",
                                    "lastModifiedDateTime desc",
                                    "$filter",
                                    "lastModifiedDateTime gt " + since),
                    null,
                    null);
            for (JsonNode m : page.path("value")) {
                String externalId = chatId + "/" + m.path("id").asString();
                if (text(m, "deletedDateTime") != null) {
                    changes.add(new SyncChange.Removed(externalId));
                } else if (m.path("messageType").asString("message").equals("message")) {
                    changes.add(new SyncChange.Upsert(message(chat, m, externalId, me)));
                }
            }
        }
        return SyncPage.done(changes, "v1|" + now);
    }

    static SyncedMessage message(JsonNode chat, JsonNode m, String externalId, String me) {
        TeamsMessage msg = TeamsMessage.of(m);
        boolean fromMe = me != null && me.equals(msg.fromUserId());
        boolean mentionsMe = false;
        for (JsonNode mention : m.path("mentions")) {
            mentionsMe |= me != null && me.equals(text(mention.path("mentioned").path("user"), "id"));
        }
        String topic = text(chat, "topic");
        String body = msg.text();
        return new SyncedMessage(
                externalId,
                "chat",
                chat.path("id").asString(),
                chat.path("id").asString(),
                msg.fromUserId(),
                msg.from(),
                List.of(),
                List.of(),
                topic,
                MessageText.snippet(body, 200),
                body,
                MicrosoftGraph.instant(m, "createdDateTime"),
                !fromMe,
                fromMe,
                "oneOnOne".equals(text(chat, "chatType")),
                mentionsMe,
                List.of(),
                null,
                msg.webUrl() != null ? msg.webUrl() : text(chat, "webUrl"),
                List.of(),
                null,
                null);
    }
}
