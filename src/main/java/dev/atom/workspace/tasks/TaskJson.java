package dev.atom.workspace.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** A task as the API answers it: every field always present (null when unset), dueAt in the task's zone. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record TaskJson(
        String id,
        String title,
        String notes,
        String status,
        String priority,
        String dueAt,
        String timeZone,
        List<String> tags,
        String assigneeId,
        String project,
        String createdBy,
        String createdAt,
        String updatedAt,
        String completedAt) {

    static TaskJson of(Task t) {
        return new TaskJson(
                t.id(),
                t.title(),
                t.notes(),
                t.status().wire(),
                t.priority().wire(),
                t.dueAt() == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.dueInZone()),
                t.timeZone(),
                t.tags(),
                t.assigneeId(),
                t.project(),
                t.createdBy(),
                text(t.createdAt()),
                text(t.updatedAt()),
                text(t.completedAt()));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** One page of a list: {@code nextCursor} is null on the last page. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Page(List<TaskJson> items, String nextCursor) {
        static Page of(TaskRepository.Page page) {
            return new Page(page.items().stream().map(TaskJson::of).toList(), page.nextCursor());
        }
    }
}
