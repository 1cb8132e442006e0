package dev.atom.workflows.internal;

import java.time.Instant;

/**
 * A workflow's switched-on trigger as stored: {@code kind} is manual, webhook, schedule, polling or
 * connector_webhook; {@code triggerKey} (type and connection) tells whether a new version kept the trigger
 * (then the cursor stays); {@code nextFireAt} is the next schedule slot or the next poll; {@code
 * expectSeconds} the liveness expectation. Immutable.
 */
record TriggerState(
        String workflowId,
        String workspaceId,
        String kind,
        String triggerKey,
        boolean active,
        Instant nextFireAt,
        String cursor,
        long pollSeq,
        String connectionId,
        Long expectSeconds,
        Instant armedAt,
        Instant lastPolledAt,
        String lastError,
        Instant lastErrorAt,
        int failures,
        String secretId) {

    static TriggerState armed(
            String workflowId,
            String workspaceId,
            String kind,
            String triggerKey,
            Instant nextFireAt,
            String connectionId,
            Long expectSeconds,
            Instant at) {
        return new TriggerState(
                workflowId,
                workspaceId,
                kind,
                triggerKey,
                true,
                nextFireAt,
                null,
                0,
                connectionId,
                expectSeconds,
                at,
                null,
                null,
                null,
                0,
                null);
    }
}
