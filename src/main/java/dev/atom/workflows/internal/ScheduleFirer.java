package dev.atom.workflows.internal;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fires schedule triggers. A slot is taken by moving the row's next_fire_at on with a compare-and-set UPDATE
 * in the same transaction that inserts the run(s), so of several instances exactly one fires each slot, and a
 * crash fires it either fully or not at all. A slot more than {@code atom.workflows.schedule-grace} (default
 * {@link #GRACE}) late counts as missed (Atom was down); the latest slot within the grace fires as usual.
 * {@code skip} fires nothing for missed slots; {@code run_once} fires one catch-up run for all of them
 * ({@code catchUp: true}, saying how many), before the on-time run if there is one. Thread-safe.
 */
@Component
class ScheduleFirer {
    /** The default of how late a slot may fire and still count as on time (the tick interval plus slack). */
    static final Duration GRACE = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(ScheduleFirer.class);
    private static final int BATCH = 100;
    private static final int MAX_COUNTED = 100_000;

    private final TriggerRepository triggers;
    private final TriggerRuns runs;
    private final TransactionOperations transactions;
    private final Watchdog health;
    private final Duration grace;

    ScheduleFirer(
            TriggerRepository triggers,
            TriggerRuns runs,
            TransactionOperations transactions,
            Watchdog health,
            @Value("${atom.workflows.schedule-grace:1m}") Duration grace) {
        this.triggers = triggers;
        this.runs = runs;
        this.transactions = transactions;
        this.health = health;
        this.grace = grace;
    }

    /** Fires every slot due at {@code now}; returns how many runs were started. */
    int tick(Instant now) {
        int started = 0;
        for (TriggerState t : triggers.due("schedule", now, BATCH)) {
            started += fire(t, now);
        }
        if (started > 0) {
            runs.wake();
        }
        return started;
    }

    private int fire(TriggerState t, Instant now) {
        var live = runs.live(t.workspaceId(), t.workflowId());
        if (live.isPresent() && live.get().definition() == null) {
            // switched on but broken: say so on the workflow (and alert) rather than stop silently
            if (triggers.advance(t.workflowId(), t.nextFireAt(), now.plus(grace))) {
                health.failed(t, live.get().problem(), now);
            }
            return 0;
        }
        if (live.isEmpty() || !(live.get().definition().trigger() instanceof Definition.Trigger.Schedule s)) {
            triggers.disarm(t.workspaceId(), t.workflowId());
            return 0;
        }
        Slots due = Slots.between(s.slots(), t.nextFireAt(), now, now.minus(grace));
        boolean catchUp = due.late() > 0 && s.runsOnce();
        // the on-time run stands in for the other on-time slots (a slow tick), and with skip for the late ones
        int uncovered = due.onTime() - 1 + (s.runsOnce() ? 0 : due.late());
        Instant next = s.slots().next(now);
        Integer started = transactions.execute(tx -> {
            if (!triggers.advance(t.workflowId(), t.nextFireAt(), next)) {
                return null; // another instance took this slot
            }
            if (t.failures() > 0) { // it works again: clear the error shown on the workflow
                triggers.savePoll(t.workflowId(), t.pollSeq(), t.cursor(), now);
                health.pollSucceeded(t, now);
            }
            int n = 0;
            if (catchUp) {
                runs.queue(live.get().workflow(), data(due.latestLate(), now, due.late(), true), now);
                n++;
            }
            if (due.onTime() > 0) {
                runs.queue(live.get().workflow(), data(due.latestOnTime(), now, uncovered, false), now);
                n++;
            }
            return n;
        });
        if (started != null && due.late() > 0) {
            log.info(
                    "workflow {} missed {} schedule slot(s) up to {}; catch-up {}: {}",
                    t.workflowId(),
                    due.late(),
                    due.latestLate(),
                    s.catchUp(),
                    catchUp ? "one run" : "skipped");
        }
        return started == null ? 0 : started;
    }

    private static ObjectNode data(Instant slot, Instant now, int missed, boolean catchUp) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("type", "schedule");
        data.put("scheduledFor", slot.toString());
        data.put("firedAt", now.toString());
        data.put("missed", missed);
        if (catchUp) {
            data.put("catchUp", true);
        }
        return data;
    }

    /** The slots from {@code first} up to {@code now}: how many are late (before {@code lateBefore}) and on time. */
    record Slots(int late, Instant latestLate, int onTime, Instant latestOnTime) {
        static Slots between(CronSlots cron, Instant first, Instant now, Instant lateBefore) {
            int late = 0;
            int onTime = 0;
            Instant latestLate = null;
            Instant latestOnTime = null;
            for (Instant x = first; x != null && !x.isAfter(now) && late + onTime < MAX_COUNTED; x = cron.next(x)) {
                if (x.isBefore(lateBefore)) {
                    late++;
                    latestLate = x;
                } else {
                    onTime++;
                    latestOnTime = x;
                }
            }
            return new Slots(late, latestLate, onTime, latestOnTime);
        }
    }
}
