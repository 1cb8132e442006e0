package dev.atom.connectors.outlook;

import static dev.atom.connectors.outlook.Graph.query;
import static dev.atom.connectors.outlook.Graph.text;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code outlook.event_changed}: events created, changed or deleted in the user's calendar, by a delta query on
 * the calendar view from 30 days back to a year ahead (the window is fixed when the baseline is taken, as Graph
 * keeps it in the delta link). Deleted events come as {@code @removed}. One event per event id and version. See
 * {@link DeltaSync} for the cursor. Stateless.
 */
final class EventChangedTrigger implements PollingTrigger {
    static final Duration BACK = Duration.ofDays(30);
    static final Duration AHEAD = Duration.ofDays(365);

    @Schema(description = "An event that was created, changed or deleted")
    record EventChange(
            @Schema(description = "The event id") String eventId,

            @Schema(description = "True when the event was deleted (then event is absent)")
            boolean removed,

            @Schema(description = "The event as it is now") @Nullable
            OutlookEvent event) {}

    @Override
    public String id() {
        return "outlook.event_changed";
    }

    @Override
    public String name() {
        return "Event created, changed or deleted";
    }

    @Override
    public String description() {
        return "Starts when an event in your Outlook calendar (30 days back to a year ahead) is created, changed"
                + " or deleted.";
    }

    @Override
    public Class<EventChange> eventType() {
        return EventChange.class;
    }

    @Override
    public Poll poll(ActionContext context, String cursor) {
        Instant now = context.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        String start = context.baseUrl() + "/me/calendarView/delta"
                + query(
                        "startDateTime",
                        now.minus(BACK).toString(),
                        "endDateTime",
                        now.plus(AHEAD).toString());
        return DeltaSync.poll(context, id(), cursor, start, EventChangedTrigger::event);
    }

    private static TriggerEvent event(JsonNode e) {
        String id = text(e, "id");
        if (id == null) {
            return null;
        }
        if (e.has("@removed")) {
            return new TriggerEvent(id + "@removed", null, Graph.JSON.valueToTree(new EventChange(id, true, null)));
        }
        OutlookEvent event = OutlookEvent.of(e);
        String version = text(e, "changeKey") != null ? text(e, "changeKey") : event.lastModifiedDateTime();
        return new TriggerEvent(
                id + "@" + (version == null ? "" : version),
                NewMailTrigger.instant(event.lastModifiedDateTime()),
                Graph.JSON.valueToTree(new EventChange(id, false, event)));
    }
}
