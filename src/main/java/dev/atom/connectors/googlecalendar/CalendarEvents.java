package dev.atom.connectors.googlecalendar;

import static dev.atom.connectors.google.GoogleApi.enc;
import static dev.atom.connectors.google.GoogleApi.query;
import static dev.atom.connectors.google.GoogleApi.text;

import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.LambdaAction;
import dev.atom.connectors.Schema;
import dev.atom.connectors.google.GoogleApi;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Listing, creating, changing and deleting events. Stateless. */
final class CalendarEvents {
    private static final String BASE32HEX = "0123456789abcdefghijklmnopqrstuv";

    private CalendarEvents() {}

    @Schema(description = "Which events to list")
    record ListInput(
            @Schema(description = "Calendar id; default primary (the user's own calendar)") @Nullable
            String calendarId,

            @Schema(description = "Only events ending after this instant (RFC 3339 with offset)", format = "date-time")
            @Nullable
            String timeMin,

            @Schema(
                    description = "Only events starting before this instant (RFC 3339 with offset)",
                    format = "date-time")
            @Nullable
            String timeMax,

            @Schema(description = "Free-text search in title, description, location and attendees") @Nullable
            String q,

            @Schema(description = "Expand recurring events into single instances, ordered by start (default true)")
            @Nullable
            Boolean singleEvents,

            @Schema(description = "IANA time zone the answer's times are given in, e.g. Europe/Berlin") @Nullable
            String timeZone,

            @Schema(description = "How many events at most (1-2500, default 50)", minimum = 1, maximum = 2500) @Nullable
            Integer maxResults,

            @Schema(description = "The nextPageToken of a previous call, for the next page") @Nullable
            String pageToken) {}

    record ListOutput(
            @Schema(description = "The events") List<CalendarEvent> events,

            @Schema(description = "The calendar's time zone") @Nullable
            String timeZone,

            @Schema(description = "Pass as pageToken for more; absent on the last page") @Nullable
            String nextPageToken) {}

    @Schema(description = "A new event")
    record CreateInput(
            @Schema(description = "Calendar id; default primary") @Nullable
            String calendarId,

            @Schema(description = "The title", maxLength = 1024)
            String summary,

            @Schema(description = "The description") @Nullable
            String description,

            @Schema(description = "The location") @Nullable String location,
            @Schema(description = "When it starts") CalendarEvent.When start,

            @Schema(description = "When it ends (exclusive)")
            CalendarEvent.When end,

            @Schema(description = "Attendees' e-mail addresses") @Nullable
            List<String> attendees,

            @Schema(description = "Whom Google e-mails about it: all, externalOnly or none (default)") @Nullable
            SendUpdates sendUpdates) {}

    @Schema(description = "Changes to an event: only the fields given change")
    record UpdateInput(
            @Schema(description = "Calendar id; default primary") @Nullable
            String calendarId,

            @Schema(description = "The event id") String eventId,
            @Schema(description = "New title") @Nullable String summary,

            @Schema(description = "New description") @Nullable
            String description,

            @Schema(description = "New location") @Nullable String location,
            @Schema(description = "New start") CalendarEvent.@Nullable When start,
            @Schema(description = "New end") CalendarEvent.@Nullable When end,

            @Schema(description = "The attendees' e-mail addresses (replaces the list)") @Nullable
            List<String> attendees,

            @Schema(description = "Whom Google e-mails about it: all, externalOnly or none (default)") @Nullable
            SendUpdates sendUpdates) {}

    record DeleteInput(
            @Schema(description = "Calendar id; default primary") @Nullable
            String calendarId,

            @Schema(description = "The event id") String eventId,

            @Schema(description = "Whom Google e-mails about it: all, externalOnly or none (default)") @Nullable
            SendUpdates sendUpdates) {}

    record DeleteOutput(
            @Schema(description = "The event id") String eventId,

            @Schema(description = "False when it was already gone")
            boolean deleted) {}

    enum SendUpdates {
        all,
        externalOnly,
        none
    }

    static final LambdaAction<ListInput, ListOutput> LIST = BaseAction.read(
            "google-calendar.list_events",
            "List events",
            "Lists events of a calendar in a time range, recurring ones expanded, in a time zone you choose.",
            ListInput.class,
            ListOutput.class,
            CalendarEvents::list);

    static final LambdaAction<CreateInput, CalendarEvent> CREATE = BaseAction.write(
            "google-calendar.create_event",
            "Create an event",
            "Creates an event; with an idempotency key, a retry finds the event made the first time.",
            CreateInput.class,
            CalendarEvent.class,
            Idempotency.KEY,
            CalendarEvents::create);

    static final LambdaAction<UpdateInput, CalendarEvent> UPDATE = BaseAction.write(
            "google-calendar.update_event",
            "Update an event",
            "Changes the given fields of an event and leaves the others as they are.",
            UpdateInput.class,
            CalendarEvent.class,
            Idempotency.NATURAL,
            CalendarEvents::update);

    static final LambdaAction<DeleteInput, DeleteOutput> DELETE = BaseAction.write(
            "google-calendar.delete_event",
            "Delete an event",
            "Deletes an event; deleting one that is already gone is not an error.",
            DeleteInput.class,
            DeleteOutput.class,
            Idempotency.NATURAL,
            CalendarEvents::delete);

    static String events(ActionContext context, String calendarId) {
        return context.baseUrl() + "/calendars/" + enc(calendarId == null ? "primary" : calendarId) + "/events";
    }

    private static ListOutput list(ActionContext context, ListInput in) {
        String url = events(context, in.calendarId())
                + query(
                        "timeMin", in.timeMin(),
                        "timeMax", in.timeMax(),
                        "q", in.q(),
                        "singleEvents", in.singleEvents() == null ? Boolean.TRUE : in.singleEvents(),
                        "orderBy", in.singleEvents() == null || in.singleEvents() ? "startTime" : null,
                        "timeZone", in.timeZone(),
                        "maxResults", in.maxResults() == null ? 50 : in.maxResults(),
                        "pageToken", in.pageToken());
        JsonNode page = GoogleApi.json(context, "GET", url, null, "calendarId", "timeMin");
        List<CalendarEvent> events = new ArrayList<>();
        page.path("items").forEach(e -> events.add(CalendarEvent.of(e)));
        return new ListOutput(events, text(page, "timeZone"), text(page, "nextPageToken"));
    }

    private static CalendarEvent create(ActionContext context, CreateInput in) {
        Map<String, Object> body =
                fields(in.summary(), in.description(), in.location(), in.start(), in.end(), in.attendees());
        String id = context.idempotencyKey().map(CalendarEvents::eventId).orElse(null);
        if (id != null) {
            body.put("id", id);
        }
        String url = events(context, in.calendarId()) + query("sendUpdates", in.sendUpdates());
        var response = GoogleApi.send(
                context, "POST", url, GoogleApi.JSON.writeValueAsBytes(body), "application/json", 1 << 20);
        if (response.status() == 409 && id != null) {
            // Made by an earlier attempt with the same key: answer with that event.
            return CalendarEvent.of(GoogleApi.get(context, events(context, in.calendarId()) + "/" + id, null));
        }
        GoogleApi.raise(context, response, "calendarId", "start");
        return CalendarEvent.of(GoogleApi.parse(response));
    }

    private static CalendarEvent update(ActionContext context, UpdateInput in) {
        Map<String, Object> body =
                fields(in.summary(), in.description(), in.location(), in.start(), in.end(), in.attendees());
        if (body.isEmpty()) {
            throw new ConnectorException.InvalidInput("summary", "give at least one field to change");
        }
        String url =
                events(context, in.calendarId()) + "/" + enc(in.eventId()) + query("sendUpdates", in.sendUpdates());
        return CalendarEvent.of(GoogleApi.json(context, "PATCH", url, body, "eventId", "start"));
    }

    private static DeleteOutput delete(ActionContext context, DeleteInput in) {
        String url =
                events(context, in.calendarId()) + "/" + enc(in.eventId()) + query("sendUpdates", in.sendUpdates());
        var response = GoogleApi.send(context, "DELETE", url, null, null, 1 << 16);
        if (response.status() == 410) {
            return new DeleteOutput(in.eventId(), false);
        }
        GoogleApi.raise(context, response, "eventId");
        return new DeleteOutput(in.eventId(), true);
    }

    private static Map<String, Object> fields(
            String summary,
            String description,
            String location,
            CalendarEvent.When start,
            CalendarEvent.When end,
            List<String> attendees) {
        Map<String, Object> body = new LinkedHashMap<>();
        put(body, "summary", summary);
        put(body, "description", description);
        put(body, "location", location);
        put(body, "start", when(start, "start"));
        put(body, "end", when(end, "end"));
        if (attendees != null) {
            body.put(
                    "attendees", attendees.stream().map(a -> Map.of("email", a)).toList());
        }
        return body;
    }

    private static Map<String, String> when(CalendarEvent.When w, String field) {
        if (w == null) {
            return null;
        }
        if ((w.dateTime() == null) == (w.date() == null)) {
            throw new ConnectorException.InvalidInput(field, "give either dateTime or date");
        }
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "dateTime", w.dateTime());
        put(out, "date", w.date());
        put(out, "timeZone", w.timeZone());
        return out;
    }

    private static <V> void put(Map<String, V> map, String key, V value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** A valid Calendar event id (base32hex, 5-1024 characters) that is the same for the same key. */
    static String eventId(String idempotencyKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder("atom");
            for (int i = 0; i < 20; i++) {
                id.append(BASE32HEX.charAt(hash[i] & 31));
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
