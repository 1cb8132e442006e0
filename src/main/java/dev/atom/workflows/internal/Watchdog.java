package dev.atom.workflows.internal;

import dev.atom.connectors.ConnectionNeedsReconnect;
import dev.atom.shared.audit.AuditEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alerts a workflow's owner when its trigger goes quiet or breaks: {@code trigger_silent} when a workflow that
 * declares {@code expect.atLeastEvery} has started no run for longer (closed once one starts), {@code
 * trigger_failing} after several failed polls in a row (closed by a good poll), {@code
 * connection_needs_reconnect} for every switched-on workflow using a connection that needs reconnecting (and at
 * once when a poll finds its trigger's connection does). An
 * alert is an open row (one per workflow and kind, so instances do not double it) plus an audit event when it
 * opens. Thread-safe.
 */
@Component
class Watchdog {
    static final String SILENT = "trigger_silent";
    static final String FAILING = "trigger_failing";
    static final String RECONNECT = "connection_needs_reconnect";
    static final int FAILING_AFTER = 3;

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TriggerRepository triggers;
    private final AlertRepository alerts;
    private final WorkflowRepository workflows;
    private final ApplicationEventPublisher events;

    Watchdog(
            TriggerRepository triggers,
            AlertRepository alerts,
            WorkflowRepository workflows,
            ApplicationEventPublisher events) {
        this.triggers = triggers;
        this.alerts = alerts;
        this.workflows = workflows;
        this.events = events;
    }

    /** Opens or closes the silence alert of every workflow that expects runs; returns how many opened. */
    int tick(Instant now) {
        int opened = 0;
        for (TriggerState t : triggers.expecting()) {
            Instant lastRun = triggers.lastRunAt(t.workspaceId(), t.workflowId());
            Instant since = lastRun == null || lastRun.isBefore(t.armedAt()) ? t.armedAt() : lastRun;
            Duration expected = Duration.ofSeconds(t.expectSeconds());
            if (since.plus(expected).isBefore(now)) {
                String detail = "no run since " + since + " (expected at least every " + expected + ")";
                if (open(t.workspaceId(), t.workflowId(), SILENT, detail, now)) {
                    opened++;
                }
            } else {
                alerts.close(t.workspaceId(), t.workflowId(), SILENT, now);
            }
        }
        return opened;
    }

    void pollSucceeded(TriggerState t, Instant now) {
        alerts.close(t.workspaceId(), t.workflowId(), FAILING, now);
    }

    /** Records a failed poll (or a broken trigger) on the workflow; alerts after {@link #FAILING_AFTER} in a row. */
    void failed(TriggerState t, String error, Instant now) {
        int failures = triggers.pollFailed(t.workflowId(), error, now);
        if (failures >= FAILING_AFTER) {
            open(t.workspaceId(), t.workflowId(), FAILING, failures + " attempts failed in a row: " + error, now);
        }
    }

    /**
     * A poll found that the trigger's connection needs reconnecting: recorded on the trigger like any failed
     * poll, but alerted at once (it will not mend itself), as {@link #RECONNECT}.
     */
    void needsReconnect(TriggerState t, String connectionId, String error, Instant now) {
        triggers.pollFailed(t.workflowId(), error, now);
        open(t.workspaceId(), t.workflowId(), RECONNECT, "connection " + connectionId + ": " + error, now);
    }

    /** Alerts for every switched-on workflow whose trigger or steps use the connection. */
    @EventListener
    void onNeedsReconnect(ConnectionNeedsReconnect e) {
        List<String> affected = new ArrayList<>();
        for (Workflow w : workflows.list(e.workspaceId())) {
            if (!w.enabled() || w.activeVersion() == null) {
                continue;
            }
            String definition = workflows
                    .version(e.workspaceId(), w.id(), w.activeVersion())
                    .orElse(null);
            if (definition != null && uses(JSON.readTree(definition), e.connectionId())) {
                affected.add(w.id());
                open(e.workspaceId(), w.id(), RECONNECT, "connection " + e.connectionId() + ": " + e.reason(), e.at());
            }
        }
        if (!affected.isEmpty()) {
            log.warn("connection {} needs reconnecting; workflows using it: {}", e.connectionId(), affected);
        }
    }

    /** Whether any {@code connection} field of the definition names the connection. */
    static boolean uses(JsonNode node, String connectionId) {
        if (node.isObject()) {
            JsonNode c = node.get("connection");
            if (c != null && c.isString() && c.asString().equals(connectionId)) {
                return true;
            }
        }
        for (JsonNode child : node) {
            if (uses(child, connectionId)) {
                return true;
            }
        }
        return false;
    }

    private boolean open(String workspaceId, String workflowId, String kind, String detail, Instant now) {
        if (!alerts.open(workspaceId, workflowId, kind, detail, now)) {
            return false;
        }
        String owner =
                workflows.find(workspaceId, workflowId).map(Workflow::createdBy).orElse(null);
        events.publishEvent(new AuditEvent(
                workspaceId,
                owner,
                "workflow.alert",
                Map.of("workflow", workflowId, "kind", kind, "detail", detail),
                null));
        log.warn("alert {} for workflow {}: {}", kind, workflowId, detail);
        return true;
    }
}
