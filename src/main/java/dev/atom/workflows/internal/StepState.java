package dev.atom.workflows.internal;

import java.time.Instant;

/**
 * A step's state in a run. {@code seq} orders the timeline; {@code attempts} counts tries (the idempotency
 * key stays the same across them); input, output and error are size-capped JSON or text.
 */
record StepState(
        String runId,
        String stepId,
        String workspaceId,
        int seq,
        StepStatus status,
        int attempts,
        String input,
        String output,
        String error,
        Instant startedAt,
        Instant finishedAt) {

    /** A step's status: running while an attempt is in flight, retrying between attempts. */
    enum StepStatus {
        RUNNING,
        RETRYING,
        WAITING,
        SUCCEEDED,
        FAILED,
        SKIPPED;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static StepStatus fromWire(String wire) {
            return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
