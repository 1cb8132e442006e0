package dev.atom.workflows.internal;

import dev.atom.shared.time.Timestamps;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Waking waiting runs from outside the engine: a person's approval decision (written under a short hold of
 * the run's lease, so it never races a worker that is resuming the run) and a finished sub-workflow waking
 * its parent. Also lists the steps that wait for a person. Stateless.
 */
@Repository
class RunWaitRepository {
    private final JdbcClient jdbc;

    RunWaitRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A step waiting in a waiting run, with the run's workflow. */
    record WaitingStep(String runId, String workflowId, String stepId, String output, Instant since) {}

    /**
     * Takes the lease of a waiting run no worker holds, as {@code holder} until {@code until}; false when the
     * run is not waiting, is held, or is not in the workspace.
     */
    boolean hold(String workspaceId, String runId, String holder, Instant now, Instant until) {
        return jdbc.sql("UPDATE workflow_runs SET lease_owner = :holder, lease_until = :until WHERE id = :id"
                                + " AND workspace_id = :ws AND status = 'waiting'"
                                + " AND (lease_until IS NULL OR lease_until < :now)")
                        .param("holder", holder)
                        .param("until", Timestamps.format(until))
                        .param("id", runId)
                        .param("ws", workspaceId)
                        .param("now", Timestamps.format(now))
                        .update()
                > 0;
    }

    /** Lets go of a run taken with {@link #hold}, making it due at once. */
    boolean releaseDue(String runId, String holder, Instant now) {
        return jdbc.sql("UPDATE workflow_runs SET lease_owner = NULL, lease_until = NULL, due_at = :now"
                                + " WHERE id = :id AND lease_owner = :holder AND status = 'waiting'")
                        .param("now", Timestamps.format(now))
                        .param("id", runId)
                        .param("holder", holder)
                        .update()
                > 0;
    }

    /**
     * Makes a waiting run due now (a sub-workflow it waits for ended). A run being worked on is left alone:
     * its own turn parks it with a due time that looks again.
     */
    boolean wake(String workspaceId, String runId, Instant now) {
        return jdbc.sql("UPDATE workflow_runs SET due_at = :now WHERE id = :id AND workspace_id = :ws"
                                + " AND status = 'waiting' AND lease_owner IS NULL")
                        .param("now", Timestamps.format(now))
                        .param("id", runId)
                        .param("ws", workspaceId)
                        .update()
                > 0;
    }

    /** Steps in status waiting of the workspace's waiting runs, oldest first. */
    List<WaitingStep> waitingSteps(String workspaceId, int limit) {
        return jdbc.sql("SELECT s.run_id, r.workflow_id, s.step_id, s.output, s.started_at"
                        + " FROM workflow_run_steps s JOIN workflow_runs r ON r.id = s.run_id"
                        + " WHERE s.workspace_id = :ws AND r.workspace_id = :ws AND r.status = 'waiting'"
                        + " AND s.status = 'waiting' ORDER BY s.started_at, s.run_id, s.step_id LIMIT :limit")
                .param("ws", workspaceId)
                .param("limit", limit)
                .query((rs, n) -> new WaitingStep(
                        rs.getString("run_id"),
                        rs.getString("workflow_id"),
                        rs.getString("step_id"),
                        rs.getString("output"),
                        Timestamps.parse(rs.getString("started_at"))))
                .list();
    }
}
