package dev.atom.workflows.internal;

import java.time.Instant;

/** What walking a run's steps came to: go on, or stop walking for one of these reasons. Immutable. */
sealed interface Outcome {
    Continue CONTINUE = new Continue();

    /** The step is done; walk on to the next. */
    record Continue() implements Outcome {}

    /** A stop step: the run succeeded here. */
    record Stopped() implements Outcome {}

    /** The run failed: a fail step or a step that cannot succeed. */
    record Failed(String error) implements Outcome {}

    /**
     * The run cannot go on before {@code dueAt} (a timer, a retry back-off), or, with {@code dueAt} null,
     * before a person acts.
     */
    record Parked(Instant dueAt) implements Outcome {}

    /** The run was cancelled while it ran. */
    record Cancelled() implements Outcome {}
}
