package dev.atom.workspace.tasks;

import dev.atom.shared.web.FieldErrors;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Turns list parameters (from the API's query string or the page's filter form) into a {@link TaskQuery}. */
final class TaskQueries {
    private TaskQueries() {}

    /** Each status value may itself be a comma-separated list ("todo,doing"); blank values do not filter. */
    static TaskQuery parse(
            List<String> status,
            String tag,
            String dueBefore,
            String q,
            String assignee,
            String project,
            String sort,
            String limit,
            String cursor,
            FieldErrors errors) {
        Set<TaskStatus> statuses = EnumSet.noneOf(TaskStatus.class);
        for (String list : status == null ? List.<String>of() : status) {
            for (String s : list.split(",")) {
                if (!s.isBlank()) {
                    TaskStatus.fromWire(s.strip())
                            .ifPresentOrElse(statuses::add, () -> errors.add("status", "must be todo, doing or done"));
                }
            }
        }
        Instant before = null;
        if (!blank(dueBefore)) {
            try {
                // a '+' of an unencoded offset arrives as a space
                before = OffsetDateTime.parse(dueBefore.strip().replace(' ', '+'))
                        .toInstant();
            } catch (DateTimeParseException e) {
                errors.add("dueBefore", "must be an ISO-8601 date-time with offset");
            }
        }
        TaskSort order = TaskSort.DEFAULT;
        if (!blank(sort)) {
            order = TaskSort.parse(sort.strip()).orElse(null);
            if (order == null) {
                errors.add("sort", "must be one of created, due, priority, updated, title, each optionally with '-'");
                order = TaskSort.DEFAULT;
            }
        }
        int size = TaskQuery.DEFAULT_LIMIT;
        if (!blank(limit)) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > TaskQuery.MAX_LIMIT) {
                errors.add("limit", "must be a number from 1 to 100");
            }
        }
        TaskCursor after = null;
        if (!blank(cursor)) {
            after = TaskCursor.decode(cursor.strip(), order).orElse(null);
            if (after == null) {
                errors.add("cursor", "is not a cursor of this list and sort");
            }
        }
        errors.throwIfAny();
        return new TaskQuery(
                statuses, trimmed(tag), before, trimmed(q), trimmed(assignee), trimmed(project), order, size, after);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trimmed(String s) {
        return blank(s) ? null : s.strip();
    }
}
