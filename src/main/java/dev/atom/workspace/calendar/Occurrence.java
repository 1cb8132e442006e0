package dev.atom.workspace.calendar;

import dev.atom.connectors.SyncedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One event occurrence as the calendar shows it, merged from a synced row (single, override or one occurrence of a
 * series) or a local event. {@code start}/{@code end} are instants; all-day ones also carry their dates (end
 * exclusive). {@code rowId} is the stored row it came from (the series master for an expanded occurrence).
 */
record Occurrence(
        String id,
        String rowId,
        CalendarRef calendar,
        String title,
        String description,
        Instant start,
        Instant end,
        boolean allDay,
        LocalDate startDate,
        LocalDate endDate,
        String timeZone,
        String location,
        List<SyncedEvent.Attendee> attendees,
        boolean recurring,
        boolean busy,
        String link) {

    boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && (end.isAfter(from) || (start.equals(end) && !start.isBefore(from)));
    }
}
