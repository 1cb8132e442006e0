package dev.atom.workspace.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.atom.workspace.worktasks.WorkItem;
import java.util.List;

/**
 * A synced work item in the task shape ({@link TaskJson}'s fields, with {@code dueAt} a date like {@code
 * 2026-12-24} since trackers keep days), plus where it comes from and its page there.
 *
 * @param source the connector and connection it was synced from, the service's kind and status name
 * @param link the item in its service
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record WorkItemJson(
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
        String completedAt,
        Source source,
        String link) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Source(String connector, String connection, String connectionName, String kind, String status) {}

    static WorkItemJson of(WorkItem w, String viewerId) {
        var item = w.item();
        return new WorkItemJson(
                w.id(),
                item.title(),
                item.body(),
                item.done() ? TaskStatus.DONE.wire() : TaskStatus.TODO.wire(),
                TaskPriority.NONE.wire(),
                item.dueDate() == null ? null : item.dueDate().toString(),
                null,
                List.of(),
                viewerId,
                item.container(),
                null,
                null,
                item.updatedAt() == null ? null : item.updatedAt().toString(),
                null,
                new Source(w.connector(), w.connectionId(), w.connectionName(), item.kind(), item.status()),
                item.link());
    }

    /** A page mixing Atom's tasks ({@link TaskJson}) and work items. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record MixedPage(List<Object> items, String nextCursor) {}
}
