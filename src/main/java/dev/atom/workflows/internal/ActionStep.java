package dev.atom.workflows.internal;

import dev.atom.connectors.ConnectionNotUsable;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.UnknownReference;
import dev.atom.workflows.internal.StepState.StepStatus;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Runs a connector action step: one attempt per turn, saved as running before the call so a crash mid-call
 * is resumed as the next attempt with the same idempotency key. Retriable failures park the run for the
 * back-off; anything else fails the step.
 *
 * <p>An attempt cut short because Atom stopped (found still "running" when the run resumes) is not the
 * service's failure, so it does not use up the step's retry policy: restarts and deploys never fail a run.
 * Up to {@link #MAX_INTERRUPTIONS} such attempts are made, so a call that brings Atom down each time (a
 * poison pill) cannot keep crashing it.
 */
final class ActionStep {
    static final int MAX_INTERRUPTIONS = 10;
    private final RunExecution execution;
    private final EngineParts parts;

    ActionStep(RunExecution execution, EngineParts parts) {
        this.execution = execution;
        this.parts = parts;
    }

    /** Stable for the run and step, the same on every attempt: what services de-duplicate by. */
    static String idempotencyKey(String runId, String stepId) {
        return "atom-" + runId + "-" + stepId;
    }

    Outcome run(Step.Action step, StepState saved) {
        boolean actionRun = ActionRunDefinitions.isActionRun(execution.run());
        JsonNode input = actionRun
                ? ActionRunDefinitions.input(execution.context())
                : execution.replayInput(step.id()).orElseGet(() -> execution.render(step.input()));
        int attempts = saved == null ? 0 : saved.attempts();
        int interrupted = parts.interruptions(execution.run(), saved);
        if (saved != null && saved.status() == StepStatus.RUNNING && !parts.repeatable(step.action())) {
            return execution.fail(
                    step,
                    input,
                    "Atom stopped while this call was being made; it is not made again, as the service cannot tell"
                            + " a repeat (it would be sent twice): check whether it arrived");
        }
        if (interrupted > MAX_INTERRUPTIONS) {
            return execution.fail(
                    step,
                    input,
                    "gave up: Atom stopped during " + interrupted + " attempts of this step;"
                            + " the call may be what stops it");
        }
        if (attempts - interrupted >= step.retry().maxAttempts()) {
            return execution.fail(step, input, "gave up after " + attempts + " attempts: " + lastError(saved));
        }
        int attempt = attempts + 1;
        Instant started = parts.now();
        StepState running = execution.save(step, StepStatus.RUNNING, attempt, input, null, null, saved, started);
        execution.flush(); // the attempt is on record before it can act
        if (actionRun && execution.cancelled()) {
            // stopped (an undo in the send delay) just before the call: a stop only succeeds before this step's
            // attempt is on record, so this is a narrow race, and nothing has been called
            return new Outcome.Cancelled();
        }
        try {
            // a direct API call without the caller's Idempotency-Key sends none, as before it was a run: it makes
            // one attempt, and the client's retry is a new run, so a generated key would de-duplicate nothing
            String key = ActionRunDefinitions.idempotencyKey(execution.context())
                    .orElseGet(() -> ActionRunDefinitions.directCall(execution.context())
                            ? null
                            : idempotencyKey(execution.run().id(), execution.key(step)));
            JsonNode output = parts.runAction(parts.caller(execution.run()), step, input, key, actionRun);
            if (actionRun) {
                parts.actionOutcomes().succeeded(execution.run().id(), output);
            }
            return execution.succeed(step, input, output);
        } catch (RuntimeException e) {
            if (actionRun) {
                parts.actionOutcomes().failed(execution.run().id(), e);
            }
            return failed(step, input, attempt, interrupted, running, e);
        }
    }

    private Outcome failed(
            Step.Action step,
            JsonNode input,
            int attempt,
            int interrupted,
            StepState running,
            RuntimeException thrown) {
        try {
            throw thrown;
        } catch (ConnectorException.Retriable e) {
            if (attempt - interrupted >= step.retry().maxAttempts()) {
                return execution.fail(step, input, "gave up after " + attempt + " attempts: " + e.getMessage());
            }
            Duration wait = Backoff.after(attempt, step.retry(), e.retryAfter().orElse(null));
            Instant now = parts.now();
            execution.save(step, StepStatus.RETRYING, attempt, input, null, e.getMessage(), running, now);
            return new Outcome.Parked(now.plus(wait));
        } catch (ConnectorException.InvalidInput e) {
            var first = e.problems().isEmpty() ? null : e.problems().getFirst();
            return execution.fail(
                    step, input, first == null ? e.getMessage() : "input." + first.field() + ": " + first.message());
        } catch (ConnectorException.NotFound e) {
            // permanent: retrying cannot make it exist; the error names the step's input field when one named it
            return execution.fail(
                    step,
                    input,
                    e.field().map(f -> "input." + f + ": " + e.what()).orElse(e.what()) + " was not found at the"
                            + " service");
        } catch (ConnectorException e) {
            return execution.fail(step, input, e.getMessage());
        } catch (ConnectionNotUsable e) {
            return execution.fail(
                    step, input, "the connection '" + step.connection() + "' may not be used: " + e.getMessage());
        } catch (UnknownReference e) {
            return execution.fail(
                    step,
                    input,
                    e.kind() == UnknownReference.Kind.ACTION
                            ? "the connection's connector has no action '" + step.action() + "'"
                            : "the connection '" + step.connection() + "' no longer exists in this workspace");
        }
    }

    private static String lastError(StepState saved) {
        return saved == null || saved.error() == null ? "the last attempt did not finish" : saved.error();
    }
}
