package dev.atom.workflows.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Keeps run history bounded: every hour, on every instance (deleting is idempotent), finished runs older than
 * {@code atom.workflows.retention} (30 days) go, and so do a workflow's finished runs beyond the newest {@code
 * atom.workflows.keep-runs} (1,000). Unfinished runs are never pruned. Deletes in batches, each with its steps in
 * one transaction, so a large backlog never holds the database for long.
 */
@Component
class RunRetention {
    private static final Logger log = LoggerFactory.getLogger(RunRetention.class);
    private static final int BATCH = 500;

    private final RunRepository runs;
    private final TransactionOperations transactions;
    private final WorkflowProperties properties;
    private final Clock clock;

    RunRetention(RunRepository runs, TransactionOperations transactions, WorkflowProperties properties, Clock clock) {
        this.runs = runs;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 7, fixedDelay = 60, timeUnit = TimeUnit.MINUTES)
    void pruneNow() {
        int pruned = prune(clock.instant());
        if (pruned > 0) {
            log.info(
                    "Pruned {} finished workflow runs (retention {}, keep {} per workflow)",
                    pruned,
                    properties.retention(),
                    properties.keepRuns());
        }
    }

    /** Prunes what the rules allow at {@code now}; returns how many runs went. */
    int prune(Instant now) {
        int total = 0;
        Instant cutoff = now.minus(properties.retention());
        total += deleteAll(() -> runs.finishedBefore(cutoff, BATCH));
        for (String workflowId : runs.workflowsWithMoreRunsThan(properties.keepRuns())) {
            total += deleteAll(() -> runs.finishedBeyondNewest(workflowId, properties.keepRuns(), BATCH));
        }
        return total;
    }

    private int deleteAll(java.util.function.Supplier<List<String>> batch) {
        int total = 0;
        while (true) {
            Integer deleted = transactions.execute(tx -> {
                List<String> ids = batch.get();
                return ids.isEmpty() ? 0 : runs.deleteWithSteps(ids);
            });
            if (deleted == null || deleted == 0) {
                return total;
            }
            total += deleted;
        }
    }
}
