package dev.atom.workflows.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.Ids;
import dev.atom.shared.web.ApiException;
import dev.atom.workflows.internal.StepState.StepStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replays a failed or cancelled run as a new run of the same version: the steps that succeeded are carried
 * over with their outputs (so they do not act again), and the run goes on from the step that failed,
 * optionally with an edited input for that step. The new run's trigger says which run it replays.
 */
@Service
class RunReplays {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RunRepository runs;
    private final RunStepRepository steps;
    private final RunStore store;
    private final EngineWorker worker;
    private final Clock clock;

    private final WorkflowPrivacy privacy;

    RunReplays(
            RunRepository runs,
            RunStepRepository steps,
            RunStore store,
            EngineWorker worker,
            Clock clock,
            WorkflowPrivacy privacy) {
        this.privacy = privacy;
        this.runs = runs;
        this.steps = steps;
        this.store = store;
        this.worker = worker;
        this.clock = clock;
    }

    /**
     * @param stepInput replaces the failed step's input when not null (an action step's input object)
     * @return the new run's id
     */
    String replay(CurrentUser user, String runId, JsonNode stepInput) {
        Run old = runs.find(user.workspaceId(), runId)
                .filter(r -> privacy.runVisibleTo(r, user))
                .orElseThrow(() -> ApiException.notFound("Run"));
        if (old.status() != RunStatus.FAILED && old.status() != RunStatus.CANCELLED) {
            throw ApiException.conflict("Only a failed or cancelled run can be replayed; this one is "
                    + old.status().wire());
        }
        List<StepState> saved = steps.list(old.workspaceId(), old.id());
        String failedStep = saved.stream()
                .filter(s -> s.status() != StepStatus.SUCCEEDED)
                .map(StepState::stepId)
                .findFirst()
                .orElse(null);
        if (stepInput != null && (failedStep == null || !stepInput.isObject())) {
            throw ApiException.invalid(
                    "stepInput",
                    failedStep == null ? "the run has no failed step to give an input to" : "must be an object");
        }
        ObjectNode trigger = (ObjectNode) JSON.readTree(old.triggerData());
        trigger.put("replayOf", old.id());
        trigger.remove("replay");
        if (stepInput != null) {
            trigger.putObject("replay").put("step", failedStep).set("input", stepInput);
        }
        Instant now = clock.instant();
        Run run = Run.queued(
                Ids.newId(), old.workspaceId(), old.workflowId(), old.version(), JSON.writeValueAsString(trigger), now);
        List<StepState> carried = saved.stream()
                .filter(s -> s.status() == StepStatus.SUCCEEDED)
                .map(s -> new StepState(
                        run.id(),
                        s.stepId(),
                        s.workspaceId(),
                        s.seq(),
                        s.status(),
                        s.attempts(),
                        s.input(),
                        s.output(),
                        null,
                        s.startedAt(),
                        s.finishedAt()))
                .toList();
        store.insert(run, carried);
        worker.wake();
        return run.id();
    }
}
