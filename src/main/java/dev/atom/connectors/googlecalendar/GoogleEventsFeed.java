package dev.atom.connectors.googlecalendar;

import static dev.atom.connectors.google.GoogleApi.query;
import static dev.atom.connectors.google.GoogleApi.text;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.connectors.SyncedEvent;
import dev.atom.connectors.SyncedItem;
import dev.atom.connectors.google.GoogleApi;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code google-calendar.events}: every calendar of the account (calendarList), then each calendar's events by
 * sync token. A calendar without a token is listed within the window with singleEvents=false, so a series stays
 * one master (expanded at read time) and its changed or cancelled instances come as their own items. One page of
 * one calendar per fetch; the cursor (JSON) holds the calendars, each one's token and where the round stands.
 * Google's 410 (token expired), or a calendar that disappeared, ask the engine for a full resync. Stateless.
 */
final class GoogleEventsFeed implements SyncFeed {
    static final String ID = "google-calendar.events";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedEvent.class;
    }

    record Calendar(String id, String name, String color) {}

    @Override
    public SyncPage fetch(ActionContext context, SyncRequest request) {
        ObjectNode cursor = request.cursor() == null
                ? GoogleApi.JSON.createObjectNode()
                : (ObjectNode) GoogleApi.JSON.readTree(request.cursor());
        int at = cursor.path("at").asInt(0);
        List<Calendar> calendars;
        if (at == 0 && !cursor.hasNonNull("page")) {
            // a round starts: the calendar list may have changed
            calendars = calendars(context);
            Set<String> known = new java.util.HashSet<>();
            cursor.path("calendars").forEach(c -> known.add(c.path("id").asString()));
            Set<String> now = new java.util.HashSet<>();
            calendars.forEach(c -> now.add(c.id()));
            if (request.cursor() != null && !now.containsAll(known)) {
                return SyncPage.cursorExpired();
            }
            var array = cursor.putArray("calendars");
            calendars.forEach(c ->
                    array.addObject().put("id", c.id()).put("name", c.name()).put("color", c.color()));
        } else {
            calendars = new ArrayList<>();
            cursor.path("calendars")
                    .forEach(c ->
                            calendars.add(new Calendar(c.path("id").asString(), text(c, "name"), text(c, "color"))));
        }
        if (calendars.isEmpty()) {
            return SyncPage.done(List.of(), GoogleApi.JSON.writeValueAsString(cursor));
        }
        Calendar calendar = calendars.get(Math.min(at, calendars.size() - 1));
        ObjectNode tokens = cursor.has("tokens") ? (ObjectNode) cursor.get("tokens") : cursor.putObject("tokens");
        String token = text(tokens, calendar.id());
        String page = text(cursor, "page");
        String url = CalendarEvents.events(context, calendar.id())
                + query(
                        "syncToken", token,
                        "timeMin", token == null ? request.windowStart().toString() : null,
                        "timeMax", token == null ? request.windowEnd().toString() : null,
                        "singleEvents", token == null ? Boolean.FALSE : null,
                        "showDeleted", token == null ? null : Boolean.TRUE,
                        "maxResults", Math.clamp(request.pageSize(), 1, 2500),
                        "pageToken", page);
        var response = GoogleApi.send(context, "GET", url, null, null, 8 << 20);
        if (response.status() == 410) {
            return SyncPage.cursorExpired();
        }
        GoogleApi.raise(context, response, "calendarId");
        JsonNode body = GoogleApi.parse(response);
        String zone = text(body, "timeZone");
        List<SyncChange> changes = new ArrayList<>();
        for (JsonNode e : body.path("items")) {
            SyncChange change = change(calendar, zone, e);
            if (change != null) {
                changes.add(change);
            }
        }
        String next = text(body, "nextPageToken");
        if (next != null) {
            cursor.put("page", next);
            return SyncPage.more(changes, GoogleApi.JSON.writeValueAsString(cursor));
        }
        cursor.remove("page");
        String nextSync = text(body, "nextSyncToken");
        if (nextSync != null) {
            tokens.put(calendar.id(), nextSync);
        }
        if (at + 1 < calendars.size()) {
            cursor.put("at", at + 1);
            return SyncPage.more(changes, GoogleApi.JSON.writeValueAsString(cursor));
        }
        cursor.put("at", 0);
        return SyncPage.done(changes, GoogleApi.JSON.writeValueAsString(cursor));
    }

    /**
     * The account's calendars (calendarList, which needs the calendarlist.readonly scope); a connection made
     * before that scope was asked for (403) syncs its primary calendar alone.
     */
    private static List<Calendar> calendars(ActionContext context) {
        List<Calendar> out = new ArrayList<>();
        String page = null;
        for (int i = 0; i < 20; i++) {
            var response = GoogleApi.send(
                    context,
                    "GET",
                    context.baseUrl() + "/users/me/calendarList" + query("maxResults", 250, "pageToken", page),
                    null,
                    null,
                    4 << 20);
            if (response.status() == 403 && out.isEmpty() && page == null) {
                return List.of(new Calendar("primary", "Calendar", null));
            }
            GoogleApi.raise(context, response, null);
            JsonNode body = GoogleApi.parse(response);
            for (JsonNode c : body.path("items")) {
                if (c.path("deleted").asBoolean(false) || text(c, "id") == null) {
                    continue;
                }
                String name = text(c, "summaryOverride") != null ? text(c, "summaryOverride") : text(c, "summary");
                out.add(new Calendar(text(c, "id"), name, text(c, "backgroundColor")));
            }
            page = text(body, "nextPageToken");
            if (page == null) {
                return out;
            }
        }
        return out;
    }

    /** One Google event as a change: cancelled ones are removed, a cancelled instance hides its occurrence. */
    static SyncChange change(Calendar calendar, String calendarZone, JsonNode e) {
        String id = text(e, "id");
        if (id == null) {
            return null;
        }
        String externalId = calendar.id() + "/" + id;
        String series = text(e, "recurringEventId");
        boolean cancelled = "cancelled".equals(text(e, "status"));
        if (cancelled && series == null) {
            return new SyncChange.Removed(externalId);
        }
        Instant originalStart = series == null ? null : instant(e.path("originalStartTime"));
        JsonNode start = e.path("start");
        JsonNode end = e.path("end");
        boolean allDay = start.hasNonNull("date");
        Instant s = cancelled && start.isMissingNode() ? originalStart : instant(start);
        Instant en = cancelled && end.isMissingNode() ? originalStart : instant(end);
        if (s == null || en == null) {
            throw new ConnectorException.Permanent(0, "Google sent event " + id + " without a start or end");
        }
        List<SyncedEvent.Attendee> attendees = new ArrayList<>();
        for (JsonNode a : e.path("attendees")) {
            attendees.add(new SyncedEvent.Attendee(
                    text(a, "email"), text(a, "displayName"), response(text(a, "responseStatus"))));
        }
        String zone = text(start, "timeZone") != null ? text(start, "timeZone") : calendarZone;
        return new SyncChange.Upsert(new SyncedEvent(
                externalId,
                calendar.id(),
                calendar.name(),
                calendar.color(),
                text(e, "summary"),
                text(e, "description"),
                text(e, "location"),
                s,
                en,
                allDay,
                allDay ? LocalDate.parse(text(start, "date")) : null,
                allDay && end.hasNonNull("date") ? LocalDate.parse(text(end, "date")) : null,
                zone,
                text(e.path("organizer"), "email"),
                attendees,
                GoogleApi.strings(e, "recurrence"),
                series == null ? null : calendar.id() + "/" + series,
                originalStart,
                cancelled,
                !"transparent".equals(text(e, "transparency")),
                text(e, "htmlLink"),
                text(e, "etag"),
                e.hasNonNull("updated")
                        ? OffsetDateTime.parse(text(e, "updated")).toInstant()
                        : null));
    }

    private static final Map<String, String> RESPONSES = new LinkedHashMap<>(Map.of(
            "needsAction", "needs_action", "accepted", "accepted", "declined", "declined", "tentative", "tentative"));

    private static String response(String google) {
        return google == null ? null : RESPONSES.get(google);
    }

    /** A start or end: a dateTime's instant, or a date's UTC midnight. */
    private static Instant instant(JsonNode when) {
        if (when.hasNonNull("dateTime")) {
            return OffsetDateTime.parse(when.get("dateTime").asString()).toInstant();
        }
        if (when.hasNonNull("date")) {
            return LocalDate.parse(when.get("date").asString())
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        }
        return null;
    }
}
