package dev.atom.workflows.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.Ids;
import dev.atom.shared.web.ApiException;
import dev.atom.workflows.internal.StepState.StepStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replays a failed or cancelled run as a new run of the same version: the steps that succeeded are carried
 * over with their outputs (so they do not act again), and the run goes on from the step that failed,
 * optionally with an edited input for that step. The new run's trigger says which run it replays.
 *
 * <p>An action run (trigger {@code chat} or {@code api}: one mail, message or other write for a person) is
 * replayed only when the caller confirms it. It failed or was stopped, yet a failure may have come after the
 * service acted (a timeout, a restart mid-call), a stopped send was stopped on purpose, and a replay is a new run
 * with a new idempotency key, so the service cannot tell a repeat: as in Zapier, where replaying a task that
 * sends may send twice, the person decides, knowing that. Without {@code confirm} the answer is a 409 that says
 * so; with it the replay goes on from the action (an edited {@code stepInput} becomes the action's input).
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
        return replay(user, runId, stepInput, false);
    }

    /** {@code confirmed}: the caller knows that replaying an action run may act again (see the class comment). */
    String replay(CurrentUser user, String runId, JsonNode stepInput, boolean confirmed) {
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
        boolean actionRun = ActionRunDefinitions.isActionRun(old);
        if (actionRun && !confirmed) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "confirmation-required",
                    actAgainWarning(trigger, old) + " To replay it anyway, send {\"confirm\": true}.");
        }
        trigger.put("replayOf", old.id());
        trigger.remove("replay");
        if (stepInput != null && actionRun) {
            ((ObjectNode) trigger.path("action")).set("input", stepInput); // the action takes its input as data
        } else if (stepInput != null) {
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

    /** Why replaying this action run needs the person's confirmation (the API's 409 adds how to give it). */
    static String actAgainWarning(JsonNode trigger, Run old) {
        String action = trigger.path("action").path("action").asString("its action");
        String type = trigger.path("type").asString("");
        String forWhom = type.equals("chat") ? "the assistant" : type.equals("api") ? "an API call" : type;
        String how = old.status() == RunStatus.CANCELLED
                ? "was stopped before the call was made."
                : "failed, but the call may have reached the service before it failed.";
        return "This run of " + action + " for " + forWhom + " " + how + " A replay is a new call that the service"
                + " cannot tell from a repeat: a mail or message may be sent twice. Replay it only once you have"
                + " checked.";
    }
}
