package dev.atom.connectors.googlecalendar;

import static dev.atom.connectors.google.GoogleApi.text;

import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** An event as actions and the trigger return it (a subset of Google's Event resource). */
@Schema(description = "A calendar event")
record CalendarEvent(
        @Schema(description = "The event id") String id,

        @Schema(description = "confirmed, tentative or cancelled (a deleted event)") @Nullable
        String status,

        @Schema(description = "The title") @Nullable String summary,
        @Schema(description = "The description") @Nullable String description,
        @Schema(description = "The location") @Nullable String location,
        @Schema(description = "When it starts") @Nullable When start,

        @Schema(description = "When it ends (exclusive)") @Nullable
        When end,

        @Schema(description = "The organizer's e-mail address") @Nullable
        String organizer,

        @Schema(description = "The attendees' e-mail addresses")
        List<String> attendees,

        @Schema(description = "The event's page in Google Calendar", format = "uri") @Nullable
        String htmlLink,

        @Schema(description = "For an instance of a recurring event: the recurring event's id") @Nullable
        String recurringEventId,

        @Schema(description = "When it was last changed", format = "date-time") @Nullable
        String updated) {

    /** A start or end: a date-time for timed events, a date for all-day ones. */
    @Schema(description = "A point in time: dateTime for timed events, date for all-day events")
    record When(
            @Schema(
                    description = "RFC 3339 date-time with offset",
                    format = "date-time",
                    examples = "\"2026-03-02T09:30:00+01:00\"")
            @Nullable
            String dateTime,

            @Schema(description = "A date for all-day events", format = "date", examples = "\"2026-03-02\"") @Nullable
            String date,

            @Schema(description = "IANA time zone, e.g. Europe/Berlin (needed for recurring events)") @Nullable
            String timeZone) {

        static When of(JsonNode n) {
            if (n == null || n.isMissingNode() || n.isNull()) {
                return null;
            }
            return new When(text(n, "dateTime"), text(n, "date"), text(n, "timeZone"));
        }
    }

    static CalendarEvent of(JsonNode e) {
        List<String> attendees = new ArrayList<>();
        e.path("attendees").forEach(a -> attendees.add(text(a, "email")));
        return new CalendarEvent(
                text(e, "id"),
                text(e, "status"),
                text(e, "summary"),
                text(e, "description"),
                text(e, "location"),
                When.of(e.get("start")),
                When.of(e.get("end")),
                text(e.path("organizer"), "email"),
                attendees,
                text(e, "htmlLink"),
                text(e, "recurringEventId"),
                text(e, "updated"));
    }
}
