package dev.atom.connectors.outlook;

import static dev.atom.connectors.outlook.Graph.enc;
import static dev.atom.connectors.outlook.Graph.query;
import static dev.atom.connectors.outlook.Graph.text;

import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.LambdaAction;
import dev.atom.connectors.Schema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Listing (calendarView), creating, changing and deleting events of the user's calendar. Stateless. */
final class OutlookEvents {
    static final int MAX_TOP = 100;
    static final String FIELDS = "id,subject,start,end,isAllDay,isCancelled,location,organizer,attendees,showAs,"
            + "type,bodyPreview,onlineMeeting,categories,webLink,lastModifiedDateTime";

    private OutlookEvents() {}

    @Schema(description = "A time range of the calendar")
    record ListInput(
            @Schema(description = "Events ending after this instant (ISO 8601 with offset)", format = "date-time")
            String start,

            @Schema(description = "Events starting before this instant (ISO 8601 with offset)", format = "date-time")
            String end,

            @Schema(description = "Time zone the answer's times are given in, e.g. Europe/Berlin (default UTC)")
            @Nullable
            String timeZone,

            @Schema(description = "How many events at most (1-100, default 50)", minimum = 1, maximum = MAX_TOP)
            @Nullable
            Integer top,

            @Schema(description = "The nextLink of a previous call, for the next page (the other fields are ignored)")
            @Nullable
            String nextLink) {}

    record ListOutput(
            @Schema(description = "The events, recurring ones as single occurrences, by start")
            List<OutlookEvent> events,

            @Schema(description = "Pass as nextLink for more; absent on the last page") @Nullable
            String nextLink) {}

    enum BodyType {
        text,
        html
    }

    @Schema(description = "A new event")
    record CreateInput(
            @Schema(description = "The title", maxLength = 255)
            String subject,

            @Schema(description = "When it starts") OutlookEvent.When start,
            @Schema(description = "When it ends") OutlookEvent.When end,

            @Schema(description = "The description") @Nullable
            String body,

            @Schema(description = "The description's format: text (default) or html") @Nullable
            BodyType bodyType,

            @Schema(description = "The location's name") @Nullable
            String location,

            @Schema(description = "Attendees' e-mail addresses; Outlook sends them invitations") @Nullable
            List<String> attendees,

            @Schema(description = "Whole days (start and end at midnight)") @Nullable
            Boolean isAllDay,

            @Schema(description = "Add an online meeting (Teams) link") @Nullable
            Boolean isOnlineMeeting) {}

    @Schema(description = "Changes to an event: only the fields given change")
    record UpdateInput(
            @Schema(description = "The event id") String eventId,
            @Schema(description = "New title") @Nullable String subject,
            @Schema(description = "New start") OutlookEvent.@Nullable When start,
            @Schema(description = "New end") OutlookEvent.@Nullable When end,

            @Schema(description = "New description") @Nullable
            String body,

            @Schema(description = "The description's format: text (default) or html") @Nullable
            BodyType bodyType,

            @Schema(description = "New location name") @Nullable
            String location,

            @Schema(description = "The attendees' e-mail addresses (replaces the list)") @Nullable
            List<String> attendees) {}

    record DeleteInput(@Schema(description = "The event id") String eventId) {}

    record DeleteOutput(
            @Schema(description = "The event id") String eventId,

            @Schema(description = "False when it was not there (already deleted)")
            boolean deleted) {}

    static final LambdaAction<ListInput, ListOutput> LIST = BaseAction.read(
            "outlook.list_events",
            "List events",
            "Lists the events of the user's calendar in a time range, recurring ones expanded, in a time zone you"
                    + " choose.",
            ListInput.class,
            ListOutput.class,
            OutlookEvents::list);

    static final LambdaAction<CreateInput, OutlookEvent> CREATE = BaseAction.write(
            "outlook.create_event",
            "Create an event",
            "Creates an event in the user's calendar and invites the attendees; with an idempotency key a retry"
                    + " does not create it twice.",
            CreateInput.class,
            OutlookEvent.class,
            Idempotency.KEY,
            OutlookEvents::create);

    static final LambdaAction<UpdateInput, OutlookEvent> UPDATE = BaseAction.write(
            "outlook.update_event",
            "Update an event",
            "Changes the given fields of an event and leaves the others as they are.",
            UpdateInput.class,
            OutlookEvent.class,
            Idempotency.NATURAL,
            OutlookEvents::update);

    static final LambdaAction<DeleteInput, DeleteOutput> DELETE = BaseAction.write(
            "outlook.delete_event",
            "Delete an event",
            "Deletes an event (attendees get a cancellation when you organize it); one already gone is not an"
                    + " error.",
            DeleteInput.class,
            DeleteOutput.class,
            Idempotency.NATURAL,
            OutlookEvents::delete);

    private static ListOutput list(ActionContext context, ListInput in) {
        String url;
        if (in.nextLink() != null) {
            url = Graph.ownLink(context, in.nextLink(), "nextLink");
        } else {
            int top = in.top() == null ? 50 : Math.clamp(in.top(), 1, MAX_TOP);
            url = context.baseUrl() + "/me/calendarView"
                    + query(
                            "startDateTime",
                            in.start(),
                            "endDateTime",
                            in.end(),
                            "$top",
                            top,
                            "$orderby",
                            "start/dateTime",
                            "$select",
                            FIELDS);
        }
        String[] prefer = in.timeZone() == null ? new String[0] : new String[] {timeZone(in.timeZone(), "timeZone")};
        JsonNode page = Graph.call(context, "GET", url, null, null, "start", prefer);
        List<OutlookEvent> events = new ArrayList<>();
        page.path("value").forEach(e -> events.add(OutlookEvent.of(e)));
        return new ListOutput(events, text(page, "@odata.nextLink"));
    }

    /** The Prefer value that makes Graph answer in {@code zone}; quotes would break the header. */
    static String timeZone(String zone, String field) {
        if (zone.contains("\"") || zone.contains("\r") || zone.contains("\n")) {
            throw new ConnectorException.InvalidInput(field, "is not a time zone name");
        }
        return "outlook.timezone=\"" + zone + "\"";
    }

    private static OutlookEvent create(ActionContext context, CreateInput in) {
        Map<String, Object> body =
                fields(in.subject(), in.start(), in.end(), in.body(), in.bodyType(), in.location(), in.attendees());
        if (in.isAllDay() != null) {
            body.put("isAllDay", in.isAllDay());
        }
        if (in.isOnlineMeeting() != null) {
            body.put("isOnlineMeeting", in.isOnlineMeeting());
        }
        // Graph answers a repeated POST with the same transactionId with the event it made the first time.
        context.idempotencyKey().ifPresent(key -> body.put("transactionId", transactionId(key)));
        return OutlookEvent.of(Graph.call(context, "POST", context.baseUrl() + "/me/events", body, null, "start"));
    }

    private static OutlookEvent update(ActionContext context, UpdateInput in) {
        Map<String, Object> body =
                fields(in.subject(), in.start(), in.end(), in.body(), in.bodyType(), in.location(), in.attendees());
        if (body.isEmpty()) {
            throw new ConnectorException.InvalidInput("subject", "give at least one field to change");
        }
        return OutlookEvent.of(Graph.call(context, "PATCH", event(context, in.eventId()), body, "eventId", "start"));
    }

    private static DeleteOutput delete(ActionContext context, DeleteInput in) {
        var response = Graph.send(context, "DELETE", event(context, in.eventId()), null);
        if (response.status() == 404) {
            return new DeleteOutput(in.eventId(), false);
        }
        Graph.raise(context, response, "eventId", "eventId");
        return new DeleteOutput(in.eventId(), true);
    }

    private static String event(ActionContext context, String eventId) {
        return context.baseUrl() + "/me/events/" + enc(eventId);
    }

    private static Map<String, Object> fields(
            String subject,
            OutlookEvent.When start,
            OutlookEvent.When end,
            String description,
            BodyType bodyType,
            String location,
            List<String> attendees) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (subject != null) {
            body.put("subject", subject);
        }
        if (start != null) {
            body.put("start", when(start, "start"));
        }
        if (end != null) {
            body.put("end", when(end, "end"));
        }
        if (description != null) {
            body.put(
                    "body",
                    Map.of(
                            "contentType",
                            (bodyType == null ? BodyType.text : bodyType).name(),
                            "content",
                            description));
        }
        if (location != null) {
            body.put("location", Map.of("displayName", location));
        }
        if (attendees != null) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Map<String, Object> r : OutlookSend.recipients(attendees, "attendees")) {
                Map<String, Object> attendee = new HashMap<>(r);
                attendee.put("type", "required");
                list.add(attendee);
            }
            body.put("attendees", list);
        }
        return body;
    }

    static Map<String, String> when(OutlookEvent.When w, String field) {
        if (w.dateTime() == null || w.dateTime().isBlank()) {
            throw new ConnectorException.InvalidInput(field + ".dateTime", "give a local date and time");
        }
        return Map.of("dateTime", w.dateTime(), "timeZone", w.timeZone() == null ? "UTC" : w.timeZone());
    }

    /** The caller's key, or its SHA-256 when it is long: the same key always gives the same transactionId. */
    static String transactionId(String key) {
        if (key.length() <= 64) {
            return key;
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
