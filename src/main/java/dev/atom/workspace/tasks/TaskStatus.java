package dev.atom.workspace.tasks;

import java.util.Locale;
import java.util.Optional;

/** Where a task stands; the JSON and the database use the lower-case name. */
enum TaskStatus {
    TODO,
    DOING,
    DONE;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<TaskStatus> fromWire(String text) {
        for (TaskStatus s : values()) {
            if (s.wire().equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
