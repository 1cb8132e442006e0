package dev.atom.workspace.tasks;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * A task as stored. {@code dueAt} is an instant and {@code timeZone} the IANA zone (or offset) the user
 * gave it in; both are null when the task has no due date.
 */
record Task(
        String id,
        String workspaceId,
        String title,
        String notes,
        TaskStatus status,
        TaskPriority priority,
        Instant dueAt,
        String timeZone,
        List<String> tags,
        String assigneeId,
        String project,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt) {

    Task {
        tags = List.copyOf(tags);
    }

    /** The sort key of sort=title: case-insensitive, the same on both databases. */
    String titleKey() {
        return title.toLowerCase(Locale.ROOT);
    }

    /** The due date-time in the task's own zone, or null. */
    OffsetDateTime dueInZone() {
        if (dueAt == null) {
            return null;
        }
        return dueAt.atZone(timeZone == null ? ZoneId.of("UTC") : ZoneId.of(timeZone))
                .toOffsetDateTime();
    }
}
