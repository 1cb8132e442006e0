package dev.atom.workflows.internal;

import java.time.Instant;

/**
 * A workflow row: the draft definition JSON being edited, the published version runs start from (null until
 * the first publish), whether its trigger is on, and the secret token of its webhook URL.
 */
record Workflow(
        String id,
        String workspaceId,
        String name,
        String draft,
        Integer activeVersion,
        boolean enabled,
        String webhookToken,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    Workflow withDraft(String newName, String newDraft, Instant at) {
        return new Workflow(
                id, workspaceId, newName, newDraft, activeVersion, enabled, webhookToken, createdBy, createdAt, at);
    }
}
