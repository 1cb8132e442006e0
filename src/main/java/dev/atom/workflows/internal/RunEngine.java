package dev.atom.workflows.internal;

import dev.atom.shared.Ids;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Runs one turn of a run: from the first step not yet done until the run ends or must wait. A run that so far
 * lived only in memory (a webhook answered inline) is written once, at its first side effect or at its end,
 * in one transaction with its steps; a held run's writes check this instance's lease. Thread-safe: each turn
 * is on its own thread.
 */
@Component
class RunEngine {
    private static final Logger log = LoggerFactory.getLogger(RunEngine.class);

    private final EngineParts parts;
    private final RunStore store;
    private final RunRepository runs;
    private final RunStepRepository steps;
    private final DefinitionCache definitions;
    private final WorkflowProperties properties;
    private final FailureFollowUp failures;
    private final ActionRunDefinitions actionRuns;
    private final String owner = "engine-" + Ids.newId();
    /** Runs this instance holds right now, for lease heartbeats. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    private final LongAdder turns = new LongAdder();

    RunEngine(
            EngineParts parts,
            RunStore store,
            RunRepository runs,
            RunStepRepository steps,
            DefinitionCache definitions,
            WorkflowProperties properties,
            FailureFollowUp failures,
            ActionRunDefinitions actionRuns) {
        this.actionRuns = actionRuns;
        this.parts = parts;
        this.store = store;
        this.runs = runs;
        this.steps = steps;
        this.definitions = definitions;
        this.properties = properties;
        this.failures = failures;
    }

    /** How a turn ended: the run's status, and for a webhook the first respond step's answer. */
    record TurnResult(RunStatus status, JsonNode response, JsonNode output, String error) {}

    String owner() {
        return owner;
    }

    Set<String> held() {
        return held;
    }

    /** Turns this instance has run since it started. */
    long turnsTaken() {
        return turns.sum();
    }

    /**
     * A run this instance holds (claimed from the table, {@code persisted}) or just made in memory (not yet
     * written; it must carry this owner as lease owner).
     */
    TurnResult turn(Run run, boolean persisted) {
        if (!held.add(run.id())) {
            // This instance is still working on it: its lease ran out under load (a long pause) and the claim
            // handed it back to the same owner. The turn in flight goes on; a second one would call again.
            return new TurnResult(RunStatus.RUNNING, null, null, null);
        }
        turns.increment();
        try {
            return doTurn(run, persisted);
        } finally {
            held.remove(run.id());
        }
    }

    private TurnResult doTurn(Run run, boolean persisted) {
        Definition definition;
        try {
            definition = ActionRunDefinitions.isActionRun(run)
                    ? actionRuns.definition(run)
                    : definitions.get(run.workspaceId(), run.workflowId(), run.version());
        } catch (DefinitionCache.InvalidDefinition e) {
            return end(
                    run,
                    new Turn(run, persisted),
                    null,
                    null,
                    new Outcome.Failed("the workflow cannot run: " + e.getMessage()));
        }
        if (persisted
                && definition.concurrency() > 0
                && runs.countHeld(run.workflowId(), run.id(), parts.now()) >= definition.concurrency()) {
            // the workflow's cap is reached: hand the run back to try again shortly (jitter: no lockstep)
            Instant later =
                    parts.now().plusMillis(200 + ThreadLocalRandom.current().nextInt(800));
            store.release(run, owner, List.of(), RunStatus.QUEUED, later, null, null, parts.now(), null);
            return new TurnResult(RunStatus.QUEUED, null, null, null);
        }
        List<StepState> saved = persisted ? steps.list(run.workspaceId(), run.id()) : List.of();
        if (persisted) {
            runs.markRunning(run.id(), owner, parts.now());
        }
        Turn turn = new Turn(run, persisted);
        RunExecution execution = new RunExecution(run, parts.json(run.triggerData()), saved, parts, turn);
        Outcome outcome;
        try {
            outcome = execution.walk(definition.steps());
        } catch (LeaseLost e) {
            log.warn("run {} was taken over by another worker; this turn stops", run.id());
            return new TurnResult(RunStatus.RUNNING, null, null, null);
        } catch (DataAccessException e) {
            throw e; // the database is away: nothing can be recorded; the lease expires and the run resumes
        } catch (RuntimeException e) {
            log.error("run {} failed unexpectedly", run.id(), e);
            outcome = new Outcome.Failed("internal error (" + e.getClass().getSimpleName() + "); see the server log");
        }
        return end(run, turn, definition, execution, outcome);
    }

    private TurnResult end(Run run, Turn turn, Definition definition, RunExecution execution, Outcome outcome) {
        Instant now = parts.now();
        JsonNode output = execution == null ? null : execution.lastOutput();
        JsonNode response = execution == null ? null : execution.response();
        List<StepState> dirty = execution == null ? List.of() : execution.takeDirty();
        String outputText = output == null ? null : parts.capped(output);
        record End(RunStatus status, Instant due, String error) {}
        End end = switch (outcome) {
            case Outcome.Continue c -> new End(RunStatus.SUCCEEDED, null, null);
            case Outcome.Stopped s -> new End(RunStatus.SUCCEEDED, null, null);
            case Outcome.Failed f -> new End(RunStatus.FAILED, null, parts.cappedText(f.error()));
            case Outcome.Parked p -> new End(RunStatus.WAITING, p.dueAt(), null);
            case Outcome.Cancelled c -> new End(RunStatus.CANCELLED, null, "cancelled");
        };
        Run followUp = end.status() == RunStatus.FAILED ? failures.errorRun(run, definition, end.error(), now) : null;
        if (!turn.persisted) {
            store.insert(
                    new Run(
                            run.id(),
                            run.workspaceId(),
                            run.workflowId(),
                            run.version(),
                            end.status(),
                            run.triggerData(),
                            outputText,
                            end.error(),
                            end.due(),
                            null,
                            null,
                            run.createdAt(),
                            run.createdAt(),
                            end.status().terminal() ? now : null),
                    dirty,
                    followUp);
        } else if (end.status() != RunStatus.CANCELLED) {
            store.release(run, owner, dirty, end.status(), end.due(), outputText, end.error(), now, followUp);
        } else {
            store.saveSteps(run, owner, now.plus(properties.lease()), dirty);
        }
        if (end.status() == RunStatus.FAILED) {
            failures.announce(run, end.error());
        }
        parts.steps().subWorkflows().ended(run, end.status(), now); // wakes a parent run waiting for this one
        return new TurnResult(end.status(), response, output, end.error());
    }

    /** This turn's persistence: writes the run the first time, then only under this instance's lease. */
    private final class Turn implements RunExecution.Persistence {
        private final Run run;
        private boolean persisted;

        Turn(Run run, boolean persisted) {
            this.run = run;
            this.persisted = persisted;
        }

        @Override
        public void flush(RunExecution execution) {
            Instant now = parts.now();
            Instant leaseUntil = now.plus(properties.lease());
            if (!persisted) {
                store.insert(
                        new Run(
                                run.id(),
                                run.workspaceId(),
                                run.workflowId(),
                                run.version(),
                                RunStatus.RUNNING,
                                run.triggerData(),
                                null,
                                null,
                                now,
                                owner,
                                leaseUntil,
                                run.createdAt(),
                                run.createdAt(),
                                null),
                        execution.takeDirty());
                persisted = true;
            } else if (!store.saveSteps(run, owner, leaseUntil, execution.takeDirty())) {
                throw new LeaseLost();
            }
        }

        @Override
        public boolean cancelled() {
            return persisted && runs.status(run.id()).orElse(RunStatus.CANCELLED) == RunStatus.CANCELLED;
        }
    }

    /** This instance's lease on a run expired and another worker took the run: stop without writing. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("lease lost", null, false, false);
        }
    }
}
