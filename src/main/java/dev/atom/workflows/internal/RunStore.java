package dev.atom.workflows.internal;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The engine's writes, each one transaction: the first save of a run that so far lived only in memory
 * (inserting the run row and its steps together), step saves of a held run, and the end of a turn. Writes to
 * a held run check the lease owner, so a worker that lost its lease changes nothing. Thread-safe.
 */
@Component
class RunStore implements AutoCloseable {
    private final RunRepository runs;
    private final RunStepRepository steps;
    private final TransactionOperations transactions;
    private final RunWriter writer;

    RunStore(RunRepository runs, RunStepRepository steps, TransactionOperations transactions) {
        this.runs = runs;
        this.steps = steps;
        this.transactions = transactions;
        this.writer = new RunWriter(runs, steps, transactions);
    }

    /**
     * Saves a new run as it stands, with its steps so far, committed together with other new runs (group
     * commit); returns once committed.
     */
    void insert(Run run, List<StepState> stepStates) {
        insert(run, stepStates, null);
    }

    /**
     * As {@link #insert(Run, List)}, plus a run to start because of this one (may be null; such a rare pair is
     * written in a transaction of its own, outside the group commit).
     */
    void insert(Run run, List<StepState> stepStates, Run followUp) {
        if (followUp == null) {
            writer.insert(run, stepStates);
            return;
        }
        transactions.executeWithoutResult(tx -> {
            runs.insert(run);
            steps.insertAll(stepStates);
            runs.insert(followUp);
        });
    }

    @Override
    public void close() {
        writer.close();
    }

    /** Saves steps of a run this owner holds; false (nothing saved) when the lease was lost. */
    boolean saveSteps(Run run, String owner, Instant leaseUntil, List<StepState> stepStates) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            if (!runs.renew(run.id(), owner, leaseUntil)) {
                return false;
            }
            stepStates.forEach(steps::save);
            return true;
        }));
    }

    /**
     * Ends a turn of a held run: its steps, its new status and the run to start because of it ({@code
     * followUp}, may be null) in one transaction.
     */
    boolean release(
            Run run,
            String owner,
            List<StepState> stepStates,
            RunStatus status,
            Instant dueAt,
            String output,
            String error,
            Instant at,
            Run followUp) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            if (!runs.renew(run.id(), owner, at.plusSeconds(60))) {
                return false;
            }
            stepStates.forEach(steps::save);
            // false when cancelled meanwhile: the steps stay on record, the cancel stands
            boolean released = runs.release(run.id(), owner, status, dueAt, output, error, at);
            if (released && followUp != null) {
                runs.insert(followUp);
            }
            return released;
        }));
    }
}
