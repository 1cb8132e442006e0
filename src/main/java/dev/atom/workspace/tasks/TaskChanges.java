package dev.atom.workspace.tasks;

import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.util.List;

/**
 * The fields a create or update request set, already checked for type and shape. A null component means
 * "not in the request" (unchanged); a {@link Change} holding null means "clear it".
 */
record TaskChanges(
        Change<String> title,
        Change<String> notes,
        Change<TaskStatus> status,
        Change<TaskPriority> priority,
        Change<Temporal> dueAt,
        Change<ZoneId> timeZone,
        Change<List<String>> tags,
        Change<String> assigneeId,
        Change<String> project) {

    /** One field's new value; {@code value} is null to clear an optional field. */
    record Change<T>(T value) {}

    static TaskChanges none() {
        return new TaskChanges(null, null, null, null, null, null, null, null, null);
    }

    TaskChanges withStatus(TaskStatus s) {
        return new TaskChanges(title, notes, new Change<>(s), priority, dueAt, timeZone, tags, assigneeId, project);
    }
}
