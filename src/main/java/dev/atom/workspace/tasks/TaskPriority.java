package dev.atom.workspace.tasks;

import java.util.Locale;
import java.util.Optional;

/** How urgent a task is, lowest first; the database stores {@link #ordinal()} so that it sorts. */
enum TaskPriority {
    NONE,
    LOW,
    MEDIUM,
    HIGH,
    URGENT;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TaskPriority ofRank(int rank) {
        return values()[rank];
    }

    static Optional<TaskPriority> fromWire(String text) {
        for (TaskPriority p : values()) {
            if (p.wire().equals(text)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
