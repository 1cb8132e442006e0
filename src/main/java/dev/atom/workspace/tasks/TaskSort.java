package dev.atom.workspace.tasks;

import dev.atom.shared.time.Timestamps;
import java.util.Locale;
import java.util.Optional;

/** The order of a task list: one key plus the id as tie-breaker, ascending or descending ("-due"). */
record TaskSort(Key key, boolean descending) {

    static final TaskSort DEFAULT = new TaskSort(Key.CREATED, true);

    /** Where tasks without a due date go: after every real due date, in either direction. */
    static final String NO_DUE_LAST_ASC = "9999-12-31T23:59:59.999999Z";

    static final String NO_DUE_LAST_DESC = "0000-01-01T00:00:00.000000Z";

    enum Key {
        CREATED,
        DUE,
        PRIORITY,
        UPDATED,
        TITLE;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Optional<TaskSort> parse(String text) {
        boolean desc = text.startsWith("-");
        String name = desc ? text.substring(1) : text;
        for (Key k : Key.values()) {
            if (k.wire().equals(name)) {
                return Optional.of(new TaskSort(k, desc));
            }
        }
        return Optional.empty();
    }

    String wire() {
        return (descending ? "-" : "") + key.wire();
    }

    /** The SQL expression ordered by; never null, so keyset comparisons work. */
    String column() {
        return switch (key) {
            case CREATED -> "t.created_at";
            case UPDATED -> "t.updated_at";
            case PRIORITY -> "t.priority";
            case TITLE -> "t.title_key";
            case DUE -> "COALESCE(t.due_at, '" + (descending ? NO_DUE_LAST_DESC : NO_DUE_LAST_ASC) + "')";
        };
    }

    /** The value of {@link #column()} for one task, the key a cursor remembers. */
    Object keyOf(Task task) {
        return switch (key) {
            case CREATED -> Timestamps.format(task.createdAt());
            case UPDATED -> Timestamps.format(task.updatedAt());
            case PRIORITY -> task.priority().ordinal();
            case TITLE -> task.titleKey();
            case DUE ->
                task.dueAt() == null
                        ? (descending ? NO_DUE_LAST_DESC : NO_DUE_LAST_ASC)
                        : Timestamps.format(task.dueAt());
        };
    }
}
