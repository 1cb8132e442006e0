package dev.atom.connectors.notion;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedItem;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.connectors.UpdatedSinceFeed;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code notion.items}: database items (pages in a data source) that the integration sees and that have a people
 * property, found with {@code POST /v1/search} newest-edited first. An item is assigned to the account when one of
 * its people properties holds the person the integration acts for ({@code GET /v1/users/me}: a public
 * integration's owner user); an internal integration is owned by the workspace, so its items are synced (search
 * finds them) but none counts as assigned. Pages outside databases are left out (they are documents, not work).
 * A poll walks the search until it reaches pages edited before {@code since}; items edited away from the person,
 * or trashed, come as removals; unshared and deleted ones go at the next full pass. Done is a status in the
 * data source's Complete group, or a checked checkbox named Done; the due date is the first date property.
 */
final class NotionItemsFeed extends UpdatedSinceFeed {

    @Override
    public String id() {
        return "notion.items";
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedWorkItem.class;
    }

    @Override
    protected Batch listAll(ActionContext ctx, String page, int pageSize) {
        return search(ctx, null, page, pageSize);
    }

    @Override
    protected Batch listChanged(ActionContext ctx, Instant since, String page, int pageSize) {
        return search(ctx, since, page, pageSize);
    }

    private static Batch search(ActionContext ctx, Instant since, String page, int pageSize) {
        JsonNode owner = NotionApi.get(ctx, "/users/me", "token").path("bot").path("owner");
        String me = "user".equals(owner.path("type").asString(""))
                ? NotionApi.text(owner.path("user").get("id"))
                : null;
        ObjectNode body = NotionApi.JSON.createObjectNode();
        body.putObject("filter").put("property", "object").put("value", "page");
        body.putObject("sort").put("direction", "descending").put("timestamp", "last_edited_time");
        body.put("page_size", pageSize);
        if (page != null) {
            body.put("start_cursor", page);
        }
        JsonNode r = NotionApi.send(ctx, "POST", "/search", body, "token");
        Map<String, NotionItems.Schema> schemas = new HashMap<>();
        List<SyncChange> changes = new ArrayList<>();
        boolean reachedOlder = false;
        for (JsonNode p : r.path("results")) {
            Instant edited = instant(NotionApi.text(p.get("last_edited_time")));
            if (since != null && edited != null && edited.isBefore(since)) {
                reachedOlder = true;
                break;
            }
            String dataSource = NotionApi.text(p.path("parent").get("data_source_id"));
            if (dataSource == null || !NotionItems.hasPeople(p)) {
                continue; // not a database item with people: not work
            }
            String id = p.path("id").asString();
            if (p.path("in_trash").asBoolean(false) || p.path("archived").asBoolean(false)) {
                changes.add(new SyncChange.Removed(id));
                continue;
            }
            NotionItems.Schema schema = schemas.computeIfAbsent(dataSource, ds -> NotionItems.schema(ctx, ds));
            boolean mine = me != null && NotionItems.holds(p, me);
            if (since != null && me != null && !mine) {
                changes.add(new SyncChange.Removed(id)); // edited away from the person (or never theirs)
            } else if (me == null || mine) {
                changes.add(new SyncChange.Upsert(NotionItems.item(p, schema, mine, edited)));
            }
        }
        String next = NotionApi.text(r.get("next_cursor"));
        boolean more = !reachedOlder && r.path("has_more").asBoolean(false) && next != null;
        return new Batch(changes, more ? next : null);
    }

    static Instant instant(String iso) {
        try {
            return iso == null ? null : Instant.parse(iso);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static LocalDate date(String iso) {
        if (iso == null || iso.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(iso.substring(0, 10));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
