package dev.atom.workflows.internal;

import dev.atom.shared.Ids;
import dev.atom.shared.audit.AuditEvent;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What happens when a run fails: an audit event the owner sees ({@code workflow.run_failed}), and, when the
 * definition names an error workflow that is published and on, a run of it with {@code trigger.failedRun}
 * ({@code id, workflowId, error, step}). That run is saved in the same transaction as the failure, so it is
 * started exactly once. An error workflow's own failure starts nothing more (no loops).
 */
@Component
class FailureFollowUp {
    private static final Logger log = LoggerFactory.getLogger(FailureFollowUp.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WorkflowRepository workflows;
    private final ApplicationEventPublisher events;

    FailureFollowUp(WorkflowRepository workflows, ApplicationEventPublisher events) {
        this.workflows = workflows;
        this.events = events;
    }

    /** The error workflow's run to save with the failure, or null when there is none to start. */
    Run errorRun(Run failed, Definition definition, String error, Instant now) {
        if (definition == null || definition.onErrorWorkflow() == null || isErrorRun(failed)) {
            return null;
        }
        var target = workflows
                .find(failed.workspaceId(), definition.onErrorWorkflow())
                .filter(w -> w.enabled() && w.activeVersion() != null);
        if (target.isEmpty()) {
            log.warn(
                    "run {} failed; its error workflow {} is missing, unpublished or off",
                    failed.id(),
                    definition.onErrorWorkflow());
            return null;
        }
        ObjectNode trigger = JsonNodeFactory.instance.objectNode().put("type", "error");
        ObjectNode failedRun = trigger.putObject("failedRun");
        failedRun.put("id", failed.id()).put("workflowId", failed.workflowId()).put("error", error);
        int colon = error == null ? -1 : error.indexOf(':');
        failedRun.put("step", colon > 0 ? error.substring(0, colon) : null);
        return Run.queued(
                Ids.newId(),
                failed.workspaceId(),
                target.get().id(),
                target.get().activeVersion(),
                JSON.writeValueAsString(trigger),
                now);
    }

    /** Tells the owner (audit log) after the failure was saved. */
    void announce(Run failed, String error) {
        events.publishEvent(new AuditEvent(
                failed.workspaceId(),
                null,
                "workflow.run_failed",
                Map.of("workflow", failed.workflowId(), "run", failed.id(), "error", error == null ? "" : error),
                null));
    }

    private static boolean isErrorRun(Run run) {
        return JSON.readTree(run.triggerData()).path("type").asString("").equals("error");
    }
}
