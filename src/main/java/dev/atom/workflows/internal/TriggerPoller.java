package dev.atom.workflows.internal;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.TriggerDeliveries;
import dev.atom.connectors.TriggerEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Polls connector triggers. A due poll is claimed by moving next_fire_at on a poll interval (compare-and-set,
 * one instance wins); the service is called outside any transaction; then one transaction stores the new
 * cursor (only if no other poll stored one meanwhile), records each event's key in the connectors'
 * de-duplication table and queues one run per new event that passes the filter. A crash before that commit
 * polls again from the old cursor and the keys keep events from starting twice. A failed poll is recorded on
 * the trigger (shown on the workflow) and, after {@link Watchdog#FAILING_AFTER} in a row, alerted. Thread-safe.
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

    TriggerPoller(
            TriggerRepository triggers,
            TriggerRuns runs,
            Connectors connectors,
            TriggerDeliveries deliveries,
            Templates templates,
            Watchdog watchdog,
            TransactionOperations transactions) {
        this.triggers = triggers;
        this.runs = runs;
        this.connectors = connectors;
        this.deliveries = deliveries;
        this.templates = templates;
        this.watchdog = watchdog;
        this.transactions = transactions;
    }

    /** Polls every trigger due at {@code now}; returns how many runs were started. */
    int tick(Instant now) {
        int started = 0;
        for (TriggerState t : triggers.due("polling", now, BATCH)) {
            started += pollOne(t, now);
        }
        if (started > 0) {
            runs.wake();
        }
        return started;
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
        if (!triggers.advance(t.workflowId(), t.nextFireAt(), now.plus(c.interval()))) {
            return 0; // another instance is polling it
        }
        PollingTrigger.Poll poll;
        try {
            PollingTrigger trigger = polling(c.type()).orElseThrow(() -> new NoSuchElementException(c.type()));
            poll = trigger.poll(connectors.context(t.workspaceId(), c.connectionId()), c.config(), t.cursor());
        } catch (ConnectorException e) {
            watchdog.failed(t, describe(e), now);
            return 0;
        } catch (NoSuchElementException e) {
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
                    runs.queue(live.get().workflow(), data, now);
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
