package dev.atom.workflows.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Group commit for new runs: one writer thread takes the runs that requests hand in while it is busy and
 * writes them (runs and steps, multi-row INSERTs) in one transaction; each caller waits until its run is
 * committed, so nobody answers before the commit. SQLite has a single writer anyway, and one commit for many
 * runs replaces many commits (and many waits for the write lock). When a batch fails, its runs are written
 * again one by one so a bad run fails only its own caller. After {@link #close()} callers write themselves.
 */
final class RunWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunWriter.class);
    private static final int MAX_BATCH = 256;
    private static final Pending STOP = new Pending(null, List.of(), null);

    private record Pending(Run run, List<StepState> steps, CompletableFuture<Void> done) {}

    private final RunRepository runs;
    private final RunStepRepository steps;
    private final TransactionOperations transactions;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Object lock = new Object();
    private final Thread thread;
    private boolean closed;

    RunWriter(RunRepository runs, RunStepRepository steps, TransactionOperations transactions) {
        this.runs = runs;
        this.steps = steps;
        this.transactions = transactions;
        this.thread = Thread.ofPlatform().name("atom-run-writer").daemon().start(this::loop);
    }

    /** Writes a new run with its steps; returns once committed, or throws what the write threw. */
    void insert(Run run, List<StepState> stepStates) {
        Pending pending = new Pending(run, List.copyOf(stepStates), new CompletableFuture<>());
        boolean queued;
        synchronized (lock) {
            queued = !closed;
            if (queued) {
                queue.add(pending);
            }
        }
        if (!queued) {
            write(List.of(pending));
        }
        try {
            pending.done().join();
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

    private void loop() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                write(batch);
            }
            batch.clear();
            if (stop) {
                return;
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

    /** Writes what is queued, then stops the thread; later inserts write on their caller's thread. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
