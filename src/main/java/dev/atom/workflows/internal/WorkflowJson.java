package dev.atom.workflows.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A workflow as the API shows it; {@code webhookUrl} only when its trigger is a webhook. */
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
        String updatedAt) {
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
                w.updatedAt().toString());
    }
}
