package dev.atom.connectors.notion;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code notion.page_changed}: pages created or edited in one database, polled with a query filtered on
 * {@code last_edited_time on_or_after} the cursor and sorted by it ascending. Notion rounds that time to the
 * minute, so the cursor is the latest time seen and each poll sees that minute again: the key (page id +
 * last_edited_time) lets the engine skip what it has seen. The first poll only sets the cursor to the
 * current minute. Stateless.
 */
final class NotionPageChangedTrigger implements PollingTrigger {
    static final int MAX_PAGES = 10;

    @Schema(description = "Which database to watch")
    record Settings(
            @Schema(description = "The database id, or its URL")
            String databaseId) {}

    enum Change {
        created,
        edited
    }

    @Schema(description = "A page created or edited in the database")
    record Event(
            @Schema(description = "created (never edited since) or edited")
            Change change,

            @Schema(description = "The page, as it is now") NotionPage page) {}

    @Override
    public String id() {
        return "notion.page_changed";
    }

    @Override
    public String name() {
        return "Page created or edited in a database";
    }

    @Override
    public String description() {
        return "Starts when a page (row) of a Notion database is created or edited.";
    }

    @Override
    public Class<Event> eventType() {
        return Event.class;
    }

    @Override
    public Class<Settings> settingsType() {
        return Settings.class;
    }

    @Override
    public Poll poll(ActionContext context, String cursor) {
        throw new ConnectorException.InvalidInput("databaseId", "is required: say which database to watch");
    }

    @Override
    public Poll poll(ActionContext ctx, JsonNode settings, String cursor) {
        String databaseId = settings == null ? null : NotionApi.text(settings.get("databaseId"));
        if (databaseId == null) {
            return poll(ctx, cursor);
        }
        String dataSource = NotionPage.dataSource(ctx, NotionApi.id(databaseId, "databaseId"), "databaseId");
        if (cursor == null) {
            return new Poll(
                    List.of(),
                    ctx.clock().instant().truncatedTo(ChronoUnit.MINUTES).toString());
        }
        List<TriggerEvent> events = new ArrayList<>();
        String latest = cursor;
        String start = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode body = NotionApi.JSON.createObjectNode();
            ObjectNode filter = body.putObject("filter");
            filter.put("timestamp", "last_edited_time");
            filter.putObject("last_edited_time").put("on_or_after", cursor);
            body.putArray("sorts")
                    .addObject()
                    .put("timestamp", "last_edited_time")
                    .put("direction", "ascending");
            body.put("page_size", 100);
            if (start != null) {
                body.put("start_cursor", start);
            }
            NotionPages.QueryOutput out = NotionPages.query(ctx, dataSource, body, "databaseId");
            for (NotionPage p : out.pages()) {
                String edited = p.lastEditedTime() == null ? cursor : p.lastEditedTime();
                Change change = edited.equals(p.createdTime()) ? Change.created : Change.edited;
                events.add(new TriggerEvent(
                        p.id() + "@" + edited, instant(edited), NotionApi.JSON.valueToTree(new Event(change, p))));
                if (later(edited, latest)) {
                    latest = edited;
                }
            }
            start = out.nextCursor();
            if (!out.hasMore() || start == null) {
                break;
            }
        }
        return new Poll(events, latest);
    }

    private static boolean later(String a, String b) {
        Instant x = instant(a);
        Instant y = instant(b);
        return x != null && (y == null || x.isAfter(y));
    }

    private static Instant instant(String iso) {
        try {
            return iso == null ? null : Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
