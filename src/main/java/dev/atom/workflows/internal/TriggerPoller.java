package dev.atom.workflows.internal;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.TriggerDeliveries;
import dev.atom.connectors.TriggerEvent;
import dev.atom.connectors.UnknownReference;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Polls connector triggers. Polls run concurrently on virtual threads, at most {@code
 * atom.workflows.poll-concurrency} per instance, so one slow service delays no other workflow's trigger; a
 * trigger whose poll is still running here is not polled again. A due poll is claimed by moving next_fire_at
 * on by the interval plus {@code atom.workflows.poll-lease} (compare-and-set, one instance wins), so no other
 * instance polls it meanwhile; when the poll ends, next_fire_at goes back to an interval after it began (a
 * crashed instance's claim runs out after the lease). The service is called outside any transaction; then one
 * transaction stores the new cursor (only if no other poll stored one meanwhile), records each event's key in
 * the connectors' de-duplication table and queues one run per new event that passes the filter. A crash before
 * that commit polls again from the old cursor and the keys keep events from starting twice. A failed poll is
 * recorded on the trigger (shown on the workflow) and, after {@link Watchdog#FAILING_AFTER} in a row, alerted;
 * a connection that needs reconnecting is alerted at once. Thread-safe.
 */
@Component
class TriggerPoller {
    /** How long an event key is remembered: far longer than any cursor overlaps. */
    static final Duration REMEMBER = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(TriggerPoller.class);
    private static final int BATCH = 50;

    private final TriggerRepository triggers;
    private final TriggerRuns runs;
    private final Connectors connectors;
    private final TriggerDeliveries deliveries;
    private final Templates templates;
    private final Watchdog watchdog;
    private final TransactionOperations transactions;
    private final Duration lease;
    private final Semaphore slots;
    /** The triggers (workflow ids) this instance is polling right now. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("atom-trigger-poll-", 0).factory());
    /** Polls in flight in this JVM (all instances), for tests that pause the ticks. */
    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();

    TriggerPoller(
            TriggerRepository triggers,
            TriggerRuns runs,
            Connectors connectors,
            TriggerDeliveries deliveries,
            Templates templates,
            Watchdog watchdog,
            TransactionOperations transactions,
            @Value("${atom.workflows.poll-concurrency:16}") int concurrency,
            @Value("${atom.workflows.poll-lease:5m}") Duration lease) {
        this.triggers = triggers;
        this.runs = runs;
        this.connectors = connectors;
        this.deliveries = deliveries;
        this.templates = templates;
        this.watchdog = watchdog;
        this.transactions = transactions;
        this.lease = lease;
        this.slots = new Semaphore(Math.max(1, concurrency));
    }

    /** Polls every trigger due at {@code now} and waits for those polls; returns how many runs were started. */
    int tick(Instant now) {
        int started = 0;
        for (Future<Integer> poll : start(now)) {
            try {
                started += poll.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a poll failed", e.getCause()); // logged and counted as 0 already
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return started;
            }
        }
        return started;
    }

    /**
     * Starts a poll of every trigger due at {@code now} that is not being polled here already, as many as free
     * slots allow (the others stay due for the next tick); does not wait for them.
     */
    List<Future<Integer>> start(Instant now) {
        List<Future<Integer>> started = new ArrayList<>();
        for (TriggerState t : triggers.due("polling", now, BATCH)) {
            if (!inFlight.add(t.workflowId())) {
                continue; // still polling it since an earlier tick
            }
            if (!slots.tryAcquire()) {
                inFlight.remove(t.workflowId());
                break;
            }
            IN_FLIGHT.incrementAndGet();
            try {
                started.add(threads.submit(() -> {
                    try {
                        int n = pollOne(t, now);
                        if (n > 0) {
                            runs.wake();
                        }
                        return n;
                    } catch (RuntimeException e) {
                        log.warn("poll of workflow {} failed; trying again at its next tick", t.workflowId(), e);
                        return 0;
                    } finally {
                        done(t);
                    }
                }));
            } catch (RejectedExecutionException e) {
                done(t);
            }
        }
        return started;
    }

    private void done(TriggerState t) {
        inFlight.remove(t.workflowId());
        slots.release();
        IN_FLIGHT.decrementAndGet();
    }

    /** For tests: waits (at most {@code timeout}) until no poll is in flight in this JVM. */
    static void awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (IN_FLIGHT.get() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @PreDestroy
    void stop() {
        threads.shutdown();
    }

    private int pollOne(TriggerState t, Instant now) {
        var live = runs.live(t.workspaceId(), t.workflowId());
        if (live.isPresent() && live.get().definition() == null) {
            if (triggers.advance(t.workflowId(), t.nextFireAt(), now.plus(TriggerParsers.DEFAULT_INTERVAL))) {
                watchdog.failed(t, live.get().problem(), now);
            }
            return 0;
        }
        if (live.isEmpty()
                || !(live.get().definition().trigger() instanceof Definition.Trigger.ConnectorEvent c)
                || !c.polls()) {
            triggers.disarm(t.workspaceId(), t.workflowId());
            return 0;
        }
        Instant claimedUntil = now.plus(c.interval()).plus(lease);
        if (!triggers.advance(t.workflowId(), t.nextFireAt(), claimedUntil)) {
            return 0; // another instance is polling it
        }
        try {
            return poll(t, live.get().workflow(), c, now);
        } finally {
            // the poll is over: the next one is due an interval after this one began
            triggers.advance(t.workflowId(), claimedUntil, now.plus(c.interval()));
        }
    }

    private int poll(TriggerState t, Workflow workflow, Definition.Trigger.ConnectorEvent c, Instant now) {
        PollingTrigger.Poll poll;
        try {
            PollingTrigger trigger =
                    polling(c.type()).orElseThrow(() -> UnknownReference.trigger(c.type(), "is not a polling trigger"));
            // polled on the owner's behalf: another member's private connection is never read for this workflow
            var caller = new Connectors.Caller(t.workspaceId(), workflow.createdBy());
            poll = trigger.poll(connectors.context(caller, c.connectionId()), c.config(), t.cursor());
        } catch (ConnectorException.NeedsReconnect e) {
            watchdog.needsReconnect(t, c.connectionId(), describe(e), now);
            return 0;
        } catch (ConnectorException e) {
            watchdog.failed(t, describe(e), now);
            return 0;
        } catch (dev.atom.connectors.ConnectionNotUsable e) {
            watchdog.failed(t, "the connection may not be used: " + e.getMessage(), now);
            return 0;
        } catch (UnknownReference e) {
            watchdog.failed(t, "the connection or trigger no longer exists", now);
            return 0;
        } catch (RuntimeException e) {
            log.warn("poll of workflow {} ({}) failed", t.workflowId(), c.type(), e);
            watchdog.failed(t, "the poll failed unexpectedly", now);
            return 0;
        }
        Integer started = transactions.execute(tx -> {
            if (!triggers.savePoll(t.workflowId(), t.pollSeq(), poll.cursor(), now)) {
                return 0; // another poll stored a newer cursor: its events are its own
            }
            int n = 0;
            for (TriggerEvent event : poll.events()) {
                if (!deliveries.firstTime(t.workspaceId(), t.workflowId(), event.dedupKey(), REMEMBER)) {
                    continue;
                }
                ObjectNode data = JsonNodeFactory.instance.objectNode();
                data.put("type", c.type());
                data.set("event", event.payload());
                if (passes(c, data, t)) {
                    runs.queue(workflow, data, now);
                    n++;
                }
            }
            watchdog.pollSucceeded(t, now);
            return n;
        });
        return started == null ? 0 : started;
    }

    /** Whether the trigger's filter lets the event start a run (no filter: yes; a failing filter: no, logged). */
    boolean passes(Definition.Trigger.ConnectorEvent c, ObjectNode triggerData, TriggerState t) {
        if (c.filter() == null) {
            return true;
        }
        ObjectNode context = JsonNodeFactory.instance.objectNode();
        context.set("trigger", triggerData);
        context.set("event", triggerData.get("event"));
        try {
            return templates.test(c.filter(), context);
        } catch (TemplateFailure e) {
            log.warn("the trigger filter of workflow {} failed: {}", t.workflowId(), e.getMessage());
            return false;
        }
    }

    private Optional<PollingTrigger> polling(String id) {
        return connectors.all().stream()
                .flatMap(x -> x.triggers().stream())
                .filter(x -> x.id().equals(id) && x instanceof PollingTrigger)
                .map(PollingTrigger.class::cast)
                .findFirst();
    }

    static String describe(ConnectorException e) {
        return switch (e) {
            case ConnectorException.NeedsReconnect r -> "the connection needs reconnecting: " + r.getMessage();
            case ConnectorException.Retriable r ->
                "the service is unavailable" + (r.status() > 0 ? " (" + r.status() + ")" : "") + ": " + r.getMessage();
            case ConnectorException.Permanent p ->
                "the service refused the poll (" + p.status() + "): " + p.getMessage();
            case ConnectorException.InvalidInput i -> "the trigger's configuration was refused: " + i.getMessage();
        };
    }
}
