package dev.atom.workflows.internal;

import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Adds what the triggers know to a workflow's resource: {@code trigger} (status ok, failing or needs_reconnect, last poll, last
 * error, consecutive failures, the next schedule slot), the open {@code alerts}, and the webhook URL of a
 * connector webhook trigger. Thread-safe.
 */
@Component
class TriggerViews {
    private final TriggerRepository triggers;
    private final AlertRepository alerts;

    TriggerViews(TriggerRepository triggers, AlertRepository alerts) {
        this.triggers = triggers;
        this.alerts = alerts;
    }

    WorkflowJson decorate(WorkflowJson json, Workflow w, String hooksBase) {
        var state = triggers.find(w.workspaceId(), w.id()).orElse(null);
        List<AlertJson> open = alerts.open(w.workspaceId(), w.id()).stream()
                .map(a -> AlertJson.of(a, w.name()))
                .toList();
        if (state == null) {
            return json.withTrigger(null, open, null);
        }
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        t.put("kind", state.kind());
        t.put("active", state.active());
        t.put("status", status(state, open));
        t.put(
                "lastPolledAt",
                state.lastPolledAt() == null ? null : state.lastPolledAt().toString());
        t.put("lastError", state.lastError());
        t.put(
                "lastErrorAt",
                state.lastErrorAt() == null ? null : state.lastErrorAt().toString());
        t.put("consecutiveFailures", state.failures());
        if (state.nextFireAt() != null) {
            t.put("nextFireAt", state.nextFireAt().toString());
        }
        if (state.expectSeconds() != null) {
            t.put("expectAtLeastEverySeconds", state.expectSeconds());
        }
        String hookUrl = "connector_webhook".equals(state.kind()) ? hooksBase + "/" + w.webhookToken() : null;
        return json.withTrigger(t, open, hookUrl);
    }

    /** ok, failing, or needs_reconnect while polls fail and the connection is alerted as needing it. */
    private static String status(TriggerState state, List<AlertJson> open) {
        if (state.failures() == 0) {
            return "ok";
        }
        return open.stream().anyMatch(a -> Watchdog.RECONNECT.equals(a.kind())) ? "needs_reconnect" : "failing";
    }
}
