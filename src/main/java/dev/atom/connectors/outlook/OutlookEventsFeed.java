package dev.atom.connectors.outlook;

import static dev.atom.connectors.outlook.Graph.query;
import static dev.atom.connectors.outlook.Graph.text;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.connectors.SyncedEvent;
import dev.atom.connectors.SyncedItem;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code outlook.events}: the default calendar by a calendarView delta query over the window (Graph expands series
 * into occurrences, so each is an item of its own, marked recurring by its series). The cursor is the nextLink
 * (more pages) or deltaLink (caught up); deleted or cancelled events are removed; Graph's 410 or syncStateNotFound
 * ask the engine for a full resync. One page per fetch. Stateless.
 */
final class OutlookEventsFeed implements SyncFeed {
    static final String ID = "outlook.events";
    static final String CALENDAR = "calendar";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedEvent.class;
    }

    @Override
    public SyncPage fetch(ActionContext context, SyncRequest request) {
        String url = request.cursor() != null
                ? Graph.ownLink(context, request.cursor(), "cursor")
                : context.baseUrl() + "/me/calendarView/delta"
                        + query(
                                "startDateTime", request.windowStart().toString(),
                                "endDateTime", request.windowEnd().toString());
        var response =
                Graph.send(context, "GET", url, null, "odata.maxpagesize=" + Math.clamp(request.pageSize(), 1, 1000));
        if (Graph.lostSyncState(response)) {
            return SyncPage.cursorExpired();
        }
        Graph.raise(context, response, null, null);
        JsonNode body = Graph.parse(response);
        List<SyncChange> changes = new ArrayList<>();
        for (JsonNode e : body.path("value")) {
            String id = text(e, "id");
            if (id == null) {
                continue;
            }
            if (e.has("@removed") || e.path("isCancelled").asBoolean(false)) {
                changes.add(new SyncChange.Removed(id));
            } else {
                changes.add(new SyncChange.Upsert(event(e)));
            }
        }
        String next = text(body, "@odata.nextLink");
        if (next != null) {
            return SyncPage.more(changes, Graph.ownLink(context, next, "cursor"));
        }
        String delta = text(body, "@odata.deltaLink");
        if (delta == null) {
            throw new ConnectorException.Retriable(
                    response.status(), "Microsoft Graph answered a delta query without a next or delta link", null);
        }
        return SyncPage.done(changes, Graph.ownLink(context, delta, "cursor"));
    }

    static SyncedEvent event(JsonNode e) {
        OutlookEvent o = OutlookEvent.of(e);
        boolean allDay = o.isAllDay();
        Instant start = instant(o.start());
        Instant end = instant(o.end());
        List<SyncedEvent.Attendee> attendees = o.attendees().stream()
                .map(a -> new SyncedEvent.Attendee(a.address(), a.name(), response(a.response())))
                .toList();
        String zone = text(e, "originalStartTimeZone");
        String series = text(e, "seriesMasterId");
        String original = text(e, "originalStart");
        return new SyncedEvent(
                o.id(),
                CALENDAR,
                "Outlook calendar",
                null,
                o.subject(),
                o.bodyPreview(),
                o.location(),
                start,
                end,
                allDay,
                allDay ? start.atZone(ZoneOffset.UTC).toLocalDate() : null,
                allDay ? end.atZone(ZoneOffset.UTC).toLocalDate() : null,
                zone == null || !isZone(zone) ? null : zone,
                o.organizer(),
                attendees,
                List.of(),
                series,
                original == null ? null : OffsetDateTime.parse(original).toInstant(),
                false,
                !"free".equalsIgnoreCase(o.showAs()),
                o.webLink(),
                text(e, "changeKey"),
                o.lastModifiedDateTime() == null
                        ? null
                        : OffsetDateTime.parse(o.lastModifiedDateTime()).toInstant());
    }

    /** Graph writes local date-times with a zone (UTC unless a Prefer header asked otherwise). */
    private static Instant instant(OutlookEvent.When w) {
        if (w == null) {
            throw new ConnectorException.Permanent(0, "Microsoft Graph sent an event without a start or end");
        }
        String dt = w.dateTime().length() > 19 ? w.dateTime().substring(0, 19) : w.dateTime();
        ZoneId zone = w.timeZone() == null || !isZone(w.timeZone()) ? ZoneOffset.UTC : ZoneId.of(w.timeZone());
        return LocalDateTime.parse(dt).atZone(zone).toInstant();
    }

    private static boolean isZone(String name) {
        try {
            ZoneId.of(name);
            return true;
        } catch (java.time.DateTimeException ex) {
            return false;
        }
    }

    private static String response(String graph) {
        if (graph == null) {
            return null;
        }
        return switch (graph) {
            case "accepted", "organizer" -> "accepted";
            case "declined" -> "declined";
            case "tentativelyAccepted" -> "tentative";
            case "notResponded", "none" -> "needs_action";
            default -> null;
        };
    }
}
