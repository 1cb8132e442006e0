package dev.atom.workflows;

import dev.atom.identity.Role;
import java.time.Instant;
import java.util.List;

/**
 * What the workflows have for one person's daily overview (the workspace's briefing): approvals they can
 * decide now, and the recent failed runs of the workflows they own. Read-only; every call is scoped to one
 * workspace. Thread-safe.
 */
public interface WorkflowDigest {

    /** Open approval steps {@code userId} (with {@code role} in the workspace) may decide, oldest first. */
    List<PendingApproval> approvalsWaitingFor(String workspaceId, String userId, Role role, int limit);

    /**
     * Failed runs started in [{@code since}, {@code until}) of the workflows {@code ownerId} owns (their
     * creator), newest first.
     */
    List<FailedRun> failedRuns(String workspaceId, String ownerId, Instant since, Instant until, int limit);

    /** An approval step waiting for a decision; {@code link} is the page where it is decided. */
    record PendingApproval(
            String runId,
            String stepId,
            String workflowId,
            String workflowName,
            String message,
            Instant since,
            Instant until,
            String link) {}

    /** A failed run; {@code link} is its page. */
    record FailedRun(
            String runId,
            String workflowId,
            String workflowName,
            String error,
            Instant startedAt,
            Instant finishedAt,
            String link) {}
}
