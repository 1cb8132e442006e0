package dev.atom.workflows.internal;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The exception of an action run's failed call, kept only while a caller waits for that run (a direct API call
 * answers with the connector's own problem, as before runs existed). Runs nobody waits for keep nothing here:
 * their history has the error text. Thread-safe.
 */
@Component
class ActionRunFailures {
    private static final RuntimeException NONE = new RuntimeException("none", null, false, false) {};
    private final ConcurrentHashMap<String, RuntimeException> waited = new ConcurrentHashMap<>();

    /** A caller starts waiting for the run. */
    void expect(String runId) {
        waited.put(runId, NONE);
    }

    /** Keeps the failure when a caller waits for this run (the latest attempt's wins). */
    void record(String runId, RuntimeException failure) {
        waited.computeIfPresent(runId, (id, old) -> failure);
    }

    /** The caller stops waiting: the last failure recorded, if any. */
    Optional<RuntimeException> take(String runId) {
        RuntimeException e = waited.remove(runId);
        return e == null || e == NONE ? Optional.empty() : Optional.of(e);
    }
}
