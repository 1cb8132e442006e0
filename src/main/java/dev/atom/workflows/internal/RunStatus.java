package dev.atom.workflows.internal;

/** A run's status as the API shows it. Terminal ones never change again. */
enum RunStatus {
    QUEUED,
    RUNNING,
    WAITING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static RunStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }

    boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
