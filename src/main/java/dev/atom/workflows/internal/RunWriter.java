package dev.atom.workflows.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Group commit for new runs, led by the callers themselves: a caller that finds nobody writing writes its own
 * run at once (a lone client pays no hand-off to another thread); callers that arrive while a write is in
 * progress queue up, and when it ends the first of them writes everything queued (runs and steps,
 * multi-row INSERTs) in one transaction for all. Each caller returns once its run is committed, so nobody
 * answers before the commit. When a batch fails, its runs are written again one by one so a bad run fails
 * only its own caller. Thread-safe.
 */
final class RunWriter {
    private static final Logger log = LoggerFactory.getLogger(RunWriter.class);
    private static final int MAX_BATCH = 256;

    /** {@code done}: committed (or failed); {@code lead}: this caller is to write what is queued. */
    private record Pending(
            Run run, List<StepState> steps, CompletableFuture<Void> done, CompletableFuture<Void> lead) {}

    private final RunRepository runs;
    private final RunStepRepository steps;
    private final TransactionOperations transactions;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean writing;

    RunWriter(RunRepository runs, RunStepRepository steps, TransactionOperations transactions) {
        this.runs = runs;
        this.steps = steps;
        this.transactions = transactions;
    }

    /** Writes a new run with its steps; returns once committed, or throws what the write threw. */
    void insert(Run run, List<StepState> stepStates) {
        Pending me = new Pending(run, List.copyOf(stepStates), new CompletableFuture<>(), new CompletableFuture<>());
        boolean lead;
        lock.lock();
        try {
            queue.add(me);
            lead = !writing;
            writing = true;
        } finally {
            lock.unlock();
        }
        if (!lead) {
            try {
                CompletableFuture.anyOf(me.done(), me.lead()).join();
            } catch (CompletionException e) {
                // our run's write failed: thrown below
            }
        }
        if (!me.done().isDone()) {
            // nobody else is writing (or the previous writer handed over): we are at the head of the queue
            writeQueued();
        }
        try {
            me.done().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private void writeQueued() {
        List<Pending> batch = new ArrayList<>();
        lock.lock();
        try {
            while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(queue.poll());
            }
        } finally {
            lock.unlock();
        }
        try {
            write(batch);
        } finally {
            lock.lock();
            try {
                Pending next = queue.peek();
                if (next == null) {
                    writing = false;
                } else {
                    next.lead().complete(null);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            transactions.executeWithoutResult(tx -> {
                runs.insertAll(batch.stream().map(Pending::run).toList());
                steps.insertAll(batch.stream().flatMap(p -> p.steps().stream()).toList());
            });
            batch.forEach(p -> p.done().complete(null));
        } catch (Throwable e) {
            if (batch.size() == 1) {
                batch.getFirst().done().completeExceptionally(e);
                return;
            }
            log.debug("a batch of {} runs failed; writing them one by one", batch.size(), e);
            batch.forEach(p -> write(List.of(p)));
        }
    }
}
