package dev.atom.connectors;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One connector action carried out as a durable workflow run (implemented by the workflow engine): an
 * assistant's approved action (trigger {@code chat}) or a direct API call (trigger {@code api}). The run gives
 * the call an idempotency key, the engine's retries, a history in the runs list, and survives restarts. The run
 * acts for {@link Request#caller()}, so a private connection is used only while the caller may use it.
 * Thread-safe.
 */
public interface ActionRuns {

    /**
     * What to run. {@code sendDelay} (may be zero) holds a call that reaches other people that long before it
     * is made, so {@link #stop} can still stop it; {@code idempotencyKey} (may be null: the engine makes one) is
     * what the service de-duplicates by; {@code retries}: whether retriable failures are tried again by the
     * engine's rules, or end the run at once so the caller decides (an API client, told when to retry).
     */
    record Request(
            Connectors.Caller caller,
            String trigger,
            String connectionId,
            String actionId,
            JsonNode input,
            Duration sendDelay,
            String idempotencyKey,
            boolean retries) {}

    /** Where the run stands when the caller stops waiting. */
    sealed interface Result {
        String runId();

        /** The action ran; its output. */
        record Succeeded(String runId, JsonNode output) implements Result {}

        /**
         * The run failed: {@code error} as its history says, and {@code cause} (may be null) the connector's
         * exception, so a route answers as it did before runs.
         */
        record Failed(String runId, String error, RuntimeException cause) implements Result {}

        /** Still waiting: for its send delay (until {@code sendsAt}) or a retry's back-off. */
        record Pending(String runId, String status, Instant sendsAt) implements Result {}
    }

    /**
     * Starts the run and waits for it: the first attempt runs on the caller's thread; a retry's back-off is
     * waited for up to a bounded time (then {@link Result.Pending}); a send delay is not waited for.
     */
    Result run(Request request);

    /**
     * Stops the caller's run before its action is called: true when it was stopped (ends as cancelled, nothing
     * was called); false when the call has already started or the run is not the caller's or has ended.
     */
    boolean stop(Connectors.Caller caller, String runId);

    /**
     * Where the caller's action run stands now, read from its history (a held send that has since been sent or
     * has failed): {@link Result.Succeeded} with the run's output, {@link Result.Failed} with its error (also when
     * it was cancelled), else {@link Result.Pending}. Empty when it is not the caller's action run (or is gone).
     */
    Optional<Result> outcome(Connectors.Caller caller, String runId);
}
