package dev.atom.workflows.internal;

import dev.atom.shared.Ids;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the schedule, the poller and connector webhooks share: the published, switched-on definition of a
 * workflow, and queuing a run of it (inside the caller's transaction, so the run and the trigger's bookkeeping
 * commit together). Thread-safe.
 */
@Component
class TriggerRuns {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WorkflowRepository workflows;
    private final RunRepository runs;
    private final DefinitionCache definitions;
    private final EngineWorker worker;

    TriggerRuns(WorkflowRepository workflows, RunRepository runs, DefinitionCache definitions, EngineWorker worker) {
        this.workflows = workflows;
        this.runs = runs;
        this.definitions = definitions;
        this.worker = worker;
    }

    /**
     * A workflow that is published and switched on, with its active definition, or (definition null) the
     * reason that definition no longer checks out (a connection it uses was deleted, say).
     */
    record Live(Workflow workflow, Definition definition, String problem) {}

    /** The workflow when it is published and switched on; empty when it is not (or no longer exists). */
    Optional<Live> live(String workspaceId, String workflowId) {
        Optional<Workflow> found = workflows.find(workspaceId, workflowId);
        if (found.isEmpty() || !found.get().enabled() || found.get().activeVersion() == null) {
            return Optional.empty();
        }
        Workflow w = found.get();
        try {
            return Optional.of(new Live(w, definitions.get(workspaceId, workflowId, w.activeVersion()), null));
        } catch (DefinitionCache.InvalidDefinition e) {
            return Optional.of(new Live(w, null, "the published version no longer checks out: " + e.getMessage()));
        }
    }

    /** Inserts a queued run of the active version; call {@link #wake} once the transaction committed. */
    String queue(Workflow w, JsonNode triggerData, Instant now) {
        Run run = Run.queued(
                Ids.newId(), w.workspaceId(), w.id(), w.activeVersion(), JSON.writeValueAsString(triggerData), now);
        runs.insert(run);
        return run.id();
    }

    void wake() {
        worker.wake();
    }
}
