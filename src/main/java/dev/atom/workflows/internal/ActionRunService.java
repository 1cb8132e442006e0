package dev.atom.workflows.internal;

import dev.atom.connectors.ActionRuns;
import dev.atom.connectors.Connectors;
import dev.atom.shared.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one connector action as a durable run ({@link ActionRunDefinitions}) for a person: an assistant's approved
 * action or a direct API call.
 *
 * <p>Why synchronously, with a bounded wait: the caller (a person approving, an API client) wants the action's
 * answer, and most calls succeed on the first attempt. So the first turn runs on the caller's thread, exactly as
 * an inline webhook run does: the run row and the attempt are saved before the call (the engine's rule), and a
 * run that ends at once costs no worker hand-off. A retriable failure parks the run for the engine's back-off;
 * a worker takes it then, and the caller waits for its end at most {@code atom.workflows.action-wait} (default
 * 30 s), after which it gets the run id and the run goes on alone (its history is in the runs list). A send delay
 * is never waited for: the caller learns that the action is scheduled, and {@link #stop} can still stop it.
 * Thread-safe.
 */
@Service
class ActionRunService implements ActionRuns {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RunEngine engine;
    private final RunRepository runs;
    private final ActionRunOutcomes outcomes;
    private final Clock clock;
    private final Duration wait;

    ActionRunService(
            RunEngine engine,
            RunRepository runs,
            ActionRunOutcomes outcomes,
            Clock clock,
            @Value("${atom.workflows.action-wait:30s}") Duration wait) {
        this.engine = engine;
        this.runs = runs;
        this.outcomes = outcomes;
        this.clock = clock;
        this.wait = wait;
    }

    @Override
    public Result run(Request request) {
        Instant now = clock.instant();
        var trigger = ActionRunDefinitions.trigger(
                request.trigger(),
                request.caller().userId(),
                request.connectionId(),
                request.actionId(),
                request.input(),
                request.sendDelay(),
                request.idempotencyKey(),
                request.retries());
        Run run = new Run(
                Ids.newId(),
                request.caller().workspaceId(),
                ActionRunDefinitions.workflowId(request.connectionId()),
                0,
                RunStatus.RUNNING,
                JSON.writeValueAsString(trigger),
                null,
                null,
                now,
                engine.owner(),
                null,
                now,
                now,
                null);
        outcomes.expect(run.id());
        try {
            RunEngine.TurnResult first = engine.turn(run, false);
            if (first.status() == RunStatus.WAITING
                    && trigger.path("action").path("sendDelay").isString()) {
                return new Result.Pending(run.id(), "waiting", now.plus(request.sendDelay()));
            }
            return result(run, first.status() == RunStatus.WAITING ? awaitEnd(run) : first);
        } finally {
            outcomes.take(run.id()); // nobody waits any more: keep nothing
        }
    }

    /** The run's end, with the call's whole output or exception when this instance made it. */
    private Result result(Run run, RunEngine.TurnResult end) {
        Optional<ActionRunOutcomes.Outcome> call = outcomes.take(run.id());
        return switch (end.status()) {
            case SUCCEEDED ->
                new Result.Succeeded(
                        run.id(), call.map(ActionRunOutcomes.Outcome::output).orElse(end.output()));
            case FAILED, CANCELLED ->
                new Result.Failed(
                        run.id(),
                        end.error() == null ? end.status().wire() : end.error(),
                        call.map(ActionRunOutcomes.Outcome::failure).orElse(null));
            default -> new Result.Pending(run.id(), end.status().wire(), null);
        };
    }

    /** Waits for a parked run (a retry's back-off) to end, at most {@link #wait}; elapsed time, not the clock. */
    private RunEngine.TurnResult awaitEnd(Run started) {
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = 10;
        while (true) {
            Optional<Run> run = runs.find(started.workspaceId(), started.id());
            if (run.isEmpty()) {
                return new RunEngine.TurnResult(RunStatus.CANCELLED, null, null, "the run was deleted");
            }
            Run r = run.get();
            if (r.status().terminal() || System.nanoTime() - deadline >= 0) {
                return new RunEngine.TurnResult(
                        r.status(), null, r.output() == null ? null : JSON.readTree(r.output()), r.error());
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new RunEngine.TurnResult(r.status(), null, null, null);
            }
            pause = Math.min(200, pause * 2);
        }
    }

    /**
     * Cancels the run only while its action step has no attempt on record: the step saves its attempt before the
     * call and checks for a cancel right after, so a stop that succeeds here means nothing was called.
     */
    @Override
    public boolean stop(Connectors.Caller caller, String runId) {
        return callersRun(caller, runId).isPresent()
                && runs.cancelBefore(caller.workspaceId(), runId, ActionRunDefinitions.ACTION_STEP, clock.instant());
    }

    @Override
    public Optional<Result> outcome(Connectors.Caller caller, String runId) {
        return callersRun(caller, runId).map(r -> switch (r.status()) {
            case SUCCEEDED -> new Result.Succeeded(r.id(), r.output() == null ? null : JSON.readTree(r.output()));
            case FAILED, CANCELLED ->
                new Result.Failed(
                        r.id(), r.error() == null ? "the run was " + r.status().wire() : r.error(), null);
            default -> new Result.Pending(r.id(), r.status().wire(), null);
        });
    }

    /** The action run {@code runId} when it acts for the caller. */
    private Optional<Run> callersRun(Connectors.Caller caller, String runId) {
        return runs.find(caller.workspaceId(), runId)
                .filter(ActionRunDefinitions::isActionRun)
                .filter(r -> caller.userId()
                        .equals(JSON.readTree(r.triggerData()).path("by").asString(null)));
    }
}
