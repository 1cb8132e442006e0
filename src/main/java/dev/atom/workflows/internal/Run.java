package dev.atom.workflows.internal;

import java.time.Instant;

/**
 * A run row. {@code triggerData} is the JSON the trigger gave ({@code {"input": ...}} or the webhook's
 * {@code {"body", "headers", "query"}}); {@code dueAt} is when a worker may take it (null once finished or
 * while it waits for a person); a worker holds it while {@code leaseUntil} is in the future.
 */
record Run(
        String id,
        String workspaceId,
        String workflowId,
        int version,
        RunStatus status,
        String triggerData,
        String output,
        String error,
        Instant dueAt,
        String leaseOwner,
        Instant leaseUntil,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    /** A new run waiting for a worker from {@code now}, with the JSON its trigger gave. */
    static Run queued(String id, String workspaceId, String workflowId, int version, String triggerData, Instant now) {
        return new Run(
                id,
                workspaceId,
                workflowId,
                version,
                RunStatus.QUEUED,
                triggerData,
                null,
                null,
                now,
                null,
                null,
                now,
                null,
                null);
    }
}
