package dev.atom.workspace.calendar;

import java.time.Instant;
import java.util.List;

/**
 * An event of Atom's own calendar, seen by its owner alone. All-day events run from UTC midnight of the first
 * day to UTC midnight after the last (as synced all-day events are stored).
 */
record LocalEvent(
        String id,
        String workspaceId,
        String ownerId,
        String title,
        String description,
        String location,
        Instant start,
        Instant end,
        boolean allDay,
        String timeZone,
        List<String> attendees,
        boolean busy,
        Instant createdAt,
        Instant updatedAt) {

    LocalEvent {
        attendees = attendees == null ? List.of() : List.copyOf(attendees);
    }
}
