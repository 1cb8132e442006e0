package dev.atom.workflows.internal;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fires schedule triggers. A slot is taken by moving the row's next_fire_at on with a compare-and-set UPDATE
 * in the same transaction that inserts the run, so of several instances exactly one fires each slot, and a
 * crash fires it either fully or not at all. A slot more than {@link #GRACE} late counts as missed (Atom was
 * down): {@code skip} fires nothing for missed slots and waits for the next; {@code run_once} fires one run
 * for all of them, saying how many. Thread-safe.
 */
@Component
class ScheduleFirer {
    /** How late a slot may fire and still count as on time (the tick interval plus slack). */
    static final Duration GRACE = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(ScheduleFirer.class);
    private static final int BATCH = 100;
    private static final int MAX_COUNTED = 100_000;

    private final TriggerRepository triggers;
    private final TriggerRuns runs;
    private final TransactionOperations transactions;
    private final Watchdog health;

    ScheduleFirer(TriggerRepository triggers, TriggerRuns runs, TransactionOperations transactions, Watchdog health) {
        this.triggers = triggers;
        this.runs = runs;
        this.transactions = transactions;
        this.health = health;
    }

    /** Fires every slot due at {@code now}; returns how many runs were started. */
    int tick(Instant now) {
        int started = 0;
        for (TriggerState t : triggers.due("schedule", now, BATCH)) {
            if (fire(t, now)) {
                started++;
            }
        }
        if (started > 0) {
            runs.wake();
        }
        return started;
    }

    private boolean fire(TriggerState t, Instant now) {
        var live = runs.live(t.workspaceId(), t.workflowId());
        if (live.isPresent() && live.get().definition() == null) {
            // switched on but broken: say so on the workflow (and alert) rather than stop silently
            if (triggers.advance(t.workflowId(), t.nextFireAt(), now.plus(GRACE))) {
                health.failed(t, live.get().problem(), now);
            }
            return false;
        }
        if (live.isEmpty() || !(live.get().definition().trigger() instanceof Definition.Trigger.Schedule s)) {
            triggers.disarm(t.workspaceId(), t.workflowId());
            return false;
        }
        Instant latest = t.nextFireAt();
        int slots = 0;
        for (Instant x = latest;
                x != null && !x.isAfter(now) && slots < MAX_COUNTED;
                x = s.slots().next(x)) {
            latest = x;
            slots++;
        }
        boolean onTime = !Duration.between(latest, now).minus(GRACE).isPositive();
        int missed = onTime ? slots - 1 : slots;
        boolean fire = onTime || s.runsOnce();
        Instant next = s.slots().next(now);
        Instant slot = latest;
        String runId = transactions.execute(tx -> {
            if (!triggers.advance(t.workflowId(), t.nextFireAt(), next)) {
                return null; // another instance took this slot
            }
            if (t.failures() > 0) { // it works again: clear the error shown on the workflow
                triggers.savePoll(t.workflowId(), t.pollSeq(), t.cursor(), now);
                health.pollSucceeded(t, now);
            }
            if (!fire) {
                return "";
            }
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            data.put("type", "schedule");
            data.put("scheduledFor", slot.toString());
            data.put("firedAt", now.toString());
            data.put("missed", missed);
            return runs.queue(live.get().workflow(), data, now);
        });
        if (runId != null && missed > 0) {
            log.info(
                    "workflow {} missed {} schedule slot(s) up to {}; catch-up {}: {}",
                    t.workflowId(),
                    missed,
                    slot,
                    s.catchUp(),
                    fire ? "one run" : "skipped");
        }
        return runId != null && !runId.isEmpty();
    }
}
