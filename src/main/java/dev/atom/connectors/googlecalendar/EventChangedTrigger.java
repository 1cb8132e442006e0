package dev.atom.connectors.googlecalendar;

import static dev.atom.connectors.google.GoogleApi.query;
import static dev.atom.connectors.google.GoogleApi.text;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.TriggerEvent;
import dev.atom.connectors.google.GoogleApi;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * {@code google-calendar.event_changed}: events of the primary calendar created, changed or cancelled since
 * the stored sync token (events.list with syncToken). The first poll runs a full sync only to get a token.
 * When Google answers 410 GONE (the token expired) it syncs fully again and reports every event it lists:
 * the key (event id + updated) lets the engine skip those it has seen. Stateless.
 */
final class EventChangedTrigger implements PollingTrigger {
    private static final Logger log = LoggerFactory.getLogger(EventChangedTrigger.class);
    static final int MAX_PAGES = 20;

    @Override
    public String id() {
        return "google-calendar.event_changed";
    }

    @Override
    public String name() {
        return "Event created, changed or cancelled";
    }

    @Override
    public String description() {
        return "Starts when an event in your primary calendar is created, changed or cancelled (status cancelled).";
    }

    @Override
    public Class<CalendarEvent> eventType() {
        return CalendarEvent.class;
    }

    @Override
    public Poll poll(ActionContext context, String cursor) {
        if (cursor == null) {
            Poll full = sync(context, null);
            return new Poll(List.of(), full.cursor());
        }
        Poll poll = sync(context, cursor);
        if (poll != null) {
            return poll;
        }
        log.info(
                "google calendar sync token of connection {} expired (410); syncing in full",
                context.connection().id());
        return sync(context, null);
    }

    /** One sync, all pages; null when the token is gone (410). */
    private static Poll sync(ActionContext context, String syncToken) {
        List<TriggerEvent> events = new ArrayList<>();
        String pageToken = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String url = CalendarEvents.events(context, null)
                    + query(
                            "syncToken",
                            syncToken,
                            // the same parameters on full and incremental syncs, as Google asks
                            "showDeleted",
                            Boolean.TRUE,
                            "maxResults",
                            250,
                            "pageToken",
                            pageToken);
            var response = GoogleApi.send(context, "GET", url, null, null, 8 << 20);
            if (response.status() == 410 && syncToken != null) {
                return null;
            }
            GoogleApi.raise(context, response, null);
            JsonNode body = GoogleApi.parse(response);
            for (JsonNode e : body.path("items")) {
                CalendarEvent event = CalendarEvent.of(e);
                events.add(new TriggerEvent(
                        event.id() + "@" + (event.updated() == null ? "" : event.updated()),
                        instant(event.updated()),
                        GoogleApi.JSON.valueToTree(event)));
            }
            pageToken = text(body, "nextPageToken");
            if (pageToken == null) {
                String next = text(body, "nextSyncToken");
                return new Poll(events, next == null ? syncToken : next);
            }
        }
        // Too many pages for one poll: keep the old token, the next poll goes on from the start.
        return new Poll(events, syncToken);
    }

    private static Instant instant(String rfc3339) {
        if (rfc3339 == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(rfc3339).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
