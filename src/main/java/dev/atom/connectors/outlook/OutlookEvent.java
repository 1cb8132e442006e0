package dev.atom.connectors.outlook;

import static dev.atom.connectors.outlook.Graph.strings;
import static dev.atom.connectors.outlook.Graph.text;

import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** An Outlook calendar event as actions return it and the changed-events trigger reports it. */
@Schema(description = "A calendar event")
record OutlookEvent(
        @Schema(description = "The event id") String id,
        @Schema(description = "The title") @Nullable String subject,
        @Schema(description = "When it starts") @Nullable When start,
        @Schema(description = "When it ends") @Nullable When end,
        @Schema(description = "Whether it lasts whole days") boolean isAllDay,
        @Schema(description = "Whether it was cancelled") boolean isCancelled,

        @Schema(description = "The location's name") @Nullable
        String location,

        @Schema(description = "The organizer, as Name <address>") @Nullable
        String organizer,

        @Schema(description = "The attendees and their answers")
        List<Attendee> attendees,

        @Schema(description = "free, tentative, busy, oof, workingElsewhere or unknown") @Nullable
        String showAs,

        @Schema(description = "singleInstance, occurrence, exception or seriesMaster") @Nullable
        String type,

        @Schema(description = "The first part of the description") @Nullable
        String bodyPreview,

        @Schema(description = "The online meeting's join link, if any") @Nullable
        String joinUrl,

        @Schema(description = "Its categories") List<String> categories,

        @Schema(description = "Opens it in Outlook on the web") @Nullable
        String webLink,

        @Schema(description = "When it was last changed (UTC)", format = "date-time") @Nullable
        String lastModifiedDateTime) {

    /** A point in time as Graph gives it: a local date-time and the time zone it is in. */
    @Schema(description = "A local date and time with its time zone")
    record When(
            @Schema(description = "Local date and time without offset", examples = "\"2026-11-25T14:00:00\"")
            String dateTime,

            @Schema(description = "Time zone: IANA (Europe/Berlin) or Windows (W. Europe Standard Time); default UTC")
            @Nullable
            String timeZone) {}

    record Attendee(
            @Schema(description = "E-mail address") @Nullable
            String address,

            @Schema(description = "Display name") @Nullable String name,

            @Schema(description = "required, optional or resource") @Nullable
            String type,

            @Schema(description = "none, organizer, tentativelyAccepted, accepted, declined or notResponded") @Nullable
            String response) {}

    static OutlookEvent of(JsonNode e) {
        List<Attendee> attendees = new ArrayList<>();
        for (JsonNode a : e.path("attendees")) {
            attendees.add(new Attendee(
                    text(a.path("emailAddress"), "address"),
                    text(a.path("emailAddress"), "name"),
                    text(a, "type"),
                    text(a.path("status"), "response")));
        }
        return new OutlookEvent(
                text(e, "id"),
                text(e, "subject"),
                when(e.path("start")),
                when(e.path("end")),
                e.path("isAllDay").asBoolean(false),
                e.path("isCancelled").asBoolean(false),
                text(e.path("location"), "displayName"),
                e.hasNonNull("organizer") ? Graph.recipient(e.get("organizer")) : null,
                attendees,
                text(e, "showAs"),
                text(e, "type"),
                text(e, "bodyPreview"),
                text(e.path("onlineMeeting"), "joinUrl"),
                strings(e, "categories"),
                text(e, "webLink"),
                text(e, "lastModifiedDateTime"));
    }

    private static When when(JsonNode w) {
        String dateTime = text(w, "dateTime");
        return dateTime == null ? null : new When(dateTime, text(w, "timeZone"));
    }
}
