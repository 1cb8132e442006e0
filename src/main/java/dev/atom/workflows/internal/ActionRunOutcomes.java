package dev.atom.workflows.internal;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * What an action run's call gave, kept in memory only while a caller waits for that run: its whole output (the
 * run's history stores it capped at {@link EngineParts#MAX_STORED_CHARS}) or the connector's exception (a direct
 * API call answers with the connector's own problem, as before runs existed). Runs nobody waits for keep nothing
 * here: their history has the output and the error text. Thread-safe.
 */
@Component
class ActionRunOutcomes {
    /** The call's output or exception. */
    record Outcome(JsonNode output, RuntimeException failure) {}

    private static final Outcome NONE = new Outcome(null, null);
    private final ConcurrentHashMap<String, Outcome> waited = new ConcurrentHashMap<>();

    /** A caller starts waiting for the run. */
    void expect(String runId) {
        waited.put(runId, NONE);
    }

    /** Keeps the call's output when a caller waits for this run. */
    void succeeded(String runId, JsonNode output) {
        waited.computeIfPresent(runId, (id, old) -> new Outcome(output, null));
    }

    /** Keeps the failure when a caller waits for this run (the latest attempt's wins). */
    void failed(String runId, RuntimeException failure) {
        waited.computeIfPresent(runId, (id, old) -> new Outcome(null, failure));
    }

    /** The caller stops waiting: what the last attempt gave, if anything. */
    Optional<Outcome> take(String runId) {
        Outcome o = waited.remove(runId);
        return o == null || o == NONE ? Optional.empty() : Optional.of(o);
    }
}
