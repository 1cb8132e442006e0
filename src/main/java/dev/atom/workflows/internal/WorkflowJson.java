package dev.atom.workflows.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A workflow as the API shows it; {@code webhookUrl} only when its trigger is a webhook; {@code owner} the user
 * id its runs act for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WorkflowJson(
        String id,
        String name,
        String status,
        Integer version,
        boolean enabled,
        String triggerType,
        String webhookUrl,
        JsonNode definition,
        String createdAt,
        String updatedAt,
        JsonNode trigger,
        List<AlertJson> alerts,
        String owner) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static WorkflowJson of(Workflow w, String hooksBase) {
        String trigger = WorkflowService.triggerType(w);
        return new WorkflowJson(
                w.id(),
                w.name(),
                w.activeVersion() == null ? "draft" : "published",
                w.activeVersion(),
                w.enabled(),
                trigger,
                "webhook".equals(trigger) ? hooksBase + "/" + w.webhookToken() : null,
                JSON.readTree(w.draft()),
                w.createdAt().toString(),
                w.updatedAt().toString(),
                null,
                null,
                w.createdBy());
    }

    /** With the switched-on trigger's state, the open alerts, and the URL a connector webhook trigger uses. */
    WorkflowJson withTrigger(JsonNode triggerState, List<AlertJson> openAlerts, String hookUrl) {
        return new WorkflowJson(
                id,
                name,
                status,
                version,
                enabled,
                triggerType,
                webhookUrl != null ? webhookUrl : hookUrl,
                definition,
                createdAt,
                updatedAt,
                triggerState,
                openAlerts,
                owner);
    }
}
