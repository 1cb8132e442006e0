package dev.atom.connectors.trello;

import static dev.atom.connectors.trello.TrelloApi.text;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedItem;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.connectors.UpdatedSinceFeed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code trello.cards}: the open cards the member is on ({@code GET /members/me/cards}), with their board's name.
 * Trello has no "changed since" query for a member's cards, so a poll lists them (one request) and keeps those
 * whose last activity is after the previous poll; archived, deleted and left cards go at the next full pass. A
 * card counts as done when its due date is marked complete.
 */
final class TrelloCardsFeed extends UpdatedSinceFeed {
    static final String FIELDS = "name,desc,due,dueComplete,dateLastActivity,idBoard,shortUrl,closed";

    @Override
    public String id() {
        return "trello.cards";
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedWorkItem.class;
    }

    @Override
    protected Batch listAll(ActionContext ctx, String page, int pageSize) {
        return cards(ctx, null);
    }

    @Override
    protected Batch listChanged(ActionContext ctx, Instant since, String page, int pageSize) {
        return cards(ctx, since);
    }

    private static Batch cards(ActionContext ctx, Instant since) {
        Map<String, String> boards = new HashMap<>();
        TrelloApi.get(ctx, "/members/me/boards", Map.of("filter", "open", "fields", "name"), null)
                .forEach(b -> boards.put(b.path("id").asString(), b.path("name").asString("")));
        JsonNode cards = TrelloApi.get(ctx, "/members/me/cards", Map.of("filter", "open", "fields", FIELDS), null);
        List<SyncChange> changes = new ArrayList<>();
        for (JsonNode c : cards) {
            SyncedWorkItem item = item(c, boards.get(c.path("idBoard").asString()));
            if (since == null || item.updatedAt() == null || !item.updatedAt().isBefore(since)) {
                changes.add(new SyncChange.Upsert(item));
            }
        }
        return new Batch(changes, null);
    }

    static SyncedWorkItem item(JsonNode c, String board) {
        boolean done = c.path("dueComplete").asBoolean(false);
        String due = text(c.get("due"));
        String activity = text(c.get("dateLastActivity"));
        return new SyncedWorkItem(
                c.path("id").asString(),
                "card",
                c.path("name").asString(""),
                board,
                done ? "complete" : "open",
                done,
                due == null ? null : LocalDate.ofInstant(Instant.parse(due), ZoneOffset.UTC),
                true,
                text(c.get("desc")),
                text(c.get("shortUrl")),
                activity == null ? null : Instant.parse(activity),
                Map.of());
    }
}
