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
        Instant finishedAt) {}
