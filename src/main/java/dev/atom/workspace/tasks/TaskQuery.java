package dev.atom.workspace.tasks;

import java.time.Instant;
import java.util.Set;

/**
 * One page request of a task list. Null filters do not filter; {@code cursor} is null for the first page.
 */
record TaskQuery(
        Set<TaskStatus> statuses,
        String tag,
        Instant dueBefore,
        String text,
        String assigneeId,
        String project,
        TaskSort sort,
        int limit,
        TaskCursor cursor) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    TaskQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        sort = sort == null ? TaskSort.DEFAULT : sort;
    }

    static TaskQuery all() {
        return new TaskQuery(null, null, null, null, null, null, TaskSort.DEFAULT, DEFAULT_LIMIT, null);
    }

    TaskQuery withSort(TaskSort s) {
        return new TaskQuery(statuses, tag, dueBefore, text, assigneeId, project, s, limit, null);
    }

    TaskQuery withLimit(int l) {
        return new TaskQuery(statuses, tag, dueBefore, text, assigneeId, project, sort, l, cursor);
    }

    TaskQuery after(TaskCursor c) {
        return new TaskQuery(statuses, tag, dueBefore, text, assigneeId, project, sort, limit, c);
    }
}
