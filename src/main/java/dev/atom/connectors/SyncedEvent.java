package dev.atom.connectors;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A calendar event as a calendar connector reports it. A series is one item (its master, with {@code
 * recurrence} lines) expanded at read time; a changed or cancelled occurrence is its own item naming its series
 * and the start it replaces.
 *
 * @param calendarId the calendar inside the account (Google calendar id, Graph calendar id, CalDAV collection href)
 * @param start for timed events the instant; for all-day events the start of {@code startDate} in UTC
 * @param startDate for all-day events the first day, null otherwise
 * @param endDate for all-day events the day after the last (exclusive, as iCalendar), null otherwise
 * @param timeZone the IANA zone the event was written in (recurrences expand in it); null means UTC
 * @param recurrence RRULE/EXDATE/RDATE lines of a series master (RFC 5545), empty otherwise
 * @param seriesId the series' {@code externalId} for an overridden or cancelled occurrence, else null
 * @param originalStart the occurrence's start that the override replaces, else null
 * @param busy false for events marked free/transparent
 * @param version what the service needs to change the event safely (a CalDAV ETag, Graph's changeKey), may be null
 */
public record SyncedEvent(
        String externalId,
        String calendarId,
        String calendarName,
        String calendarColor,
        String title,
        String description,
        String location,
        Instant start,
        Instant end,
        boolean allDay,
        LocalDate startDate,
        LocalDate endDate,
        String timeZone,
        String organizer,
        List<Attendee> attendees,
        List<String> recurrence,
        String seriesId,
        Instant originalStart,
        boolean cancelled,
        boolean busy,
        String link,
        String version,
        Instant updatedAt)
        implements SyncedItem {

    public SyncedEvent {
        attendees = attendees == null ? List.of() : List.copyOf(attendees);
        recurrence = recurrence == null ? List.of() : List.copyOf(recurrence);
    }

    /** An attendee; {@code response} is accepted|declined|tentative|needs_action, or null when unknown. */
    public record Attendee(String email, String name, String response) {}
}
