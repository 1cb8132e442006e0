package dev.atom.workflows.internal;

import dev.atom.shared.db.SqlDialect;
import dev.atom.shared.time.Timestamps;
import dev.atom.workflows.WorkflowItemsChanged;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs and their leases. Reads for users filter by workspace_id; the lease methods are the engine's and work
 * across workspaces, but every write after a claim also checks the lease owner, so a worker whose lease
 * expired (and was taken over) can no longer change the run. Writes that change what a run shows (status,
 * times, existence) publish {@link WorkflowItemsChanged}, heard after the commit. Stateless.
 */
@Repository
class RunRepository {
    static final String COLUMNS = "id, workspace_id, workflow_id, version, status, trigger_data, output, error,"
            + " due_at, lease_owner, lease_until, created_at, started_at, finished_at";
    /** 14 parameters a row: far below SQLite's and PostgreSQL's limits on parameters per statement. */
    static final int ROWS_PER_INSERT = 100;

    private static final String ROW = "(:id_i, :ws_i, :workflow_i, :version_i, :status_i, :trigger_i, :output_i,"
            + " :error_i, :due_i, :owner_i, :lease_i, :created_i, :started_i, :finished_i)";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final SqlDialect dialect;
    private final ApplicationEventPublisher events;

    RunRepository(JdbcClient jdbc, SqlDialect dialect, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.events = events;
    }

    /** Tells listeners (search) that these runs changed, one event per workspace. */
    private void changed(Map<String, List<String>> runIdsByWorkspace) {
        runIdsByWorkspace.forEach((ws, ids) -> events.publishEvent(WorkflowItemsChanged.runs(ws, ids)));
    }

    /** The workspace of an updated run ({@code RETURNING workspace_id}), when the update changed it. */
    private boolean changed(Optional<String> workspaceOfUpdated, String id) {
        workspaceOfUpdated.ifPresent(ws -> events.publishEvent(WorkflowItemsChanged.runs(ws, List.of(id))));
        return workspaceOfUpdated.isPresent();
    }

    void insert(Run r) {
        insertAll(List.of(r));
    }

    /** Inserts new runs with multi-row INSERTs (group commit writes many runs in one transaction). */
    void insertAll(List<Run> all) {
        for (int from = 0; from < all.size(); from += ROWS_PER_INSERT) {
            List<Run> chunk = all.subList(from, Math.min(all.size(), from + ROWS_PER_INSERT));
            var sql = new StringBuilder("INSERT INTO workflow_runs (" + COLUMNS + ", trigger_type) VALUES ");
            var params = new java.util.HashMap<String, Object>();
            for (int i = 0; i < chunk.size(); i++) {
                Run r = chunk.get(i);
                String n = "_" + i;
                sql.append(i == 0 ? "" : ", ").append(ROW.replace("_i", n).replace(")", ", :triggerType" + n + ")"));
                params.put("triggerType" + n, triggerType(r.triggerData()));
                params.put("id" + n, r.id());
                params.put("ws" + n, r.workspaceId());
                params.put("workflow" + n, r.workflowId());
                params.put("version" + n, r.version());
                params.put("status" + n, r.status().wire());
                params.put("trigger" + n, r.triggerData());
                params.put("output" + n, r.output());
                params.put("error" + n, r.error());
                params.put("due" + n, Timestamps.format(r.dueAt()));
                params.put("owner" + n, r.leaseOwner());
                params.put("lease" + n, Timestamps.format(r.leaseUntil()));
                params.put("created" + n, Timestamps.format(r.createdAt()));
                params.put("started" + n, Timestamps.format(r.startedAt()));
                params.put("finished" + n, Timestamps.format(r.finishedAt()));
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
        Map<String, List<String>> byWorkspace = new LinkedHashMap<>();
        all.forEach(r -> byWorkspace
                .computeIfAbsent(r.workspaceId(), k -> new ArrayList<>())
                .add(r.id()));
        changed(byWorkspace);
    }

    /** The trigger's type from its data ({@code manual}, {@code chat}, {@code github.issue_event}...). */
    private static String triggerType(String triggerData) {
        try {
            JsonNode type = JSON.readTree(triggerData).get("type");
            return type != null && type.isString() ? type.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    Optional<Run> find(String workspaceId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workflow_runs WHERE id = :id AND workspace_id = :ws")
                .param("id", id)
                .param("ws", workspaceId)
                .query(RunRepository::row)
                .optional();
    }

    /**
     * The workspace's runs, newest first, optionally of one workflow and/or status, created in [{@code since},
     * {@code before}).
     */
    List<Run> list(String workspaceId, String workflowId, RunStatus status, Instant since, Instant before, int limit) {
        return list(workspaceId, workflowId, status, since, before, null, limit);
    }

    /**
     * The same, after {@code after} (keyset paging in (created_at, id) order; null for the first page). Only
     * the filters given become SQL, so each is an index range: (workspace_id, created_at, id) for the list and
     * (workflow_id, created_at) for one workflow's runs; a page reads about {@code limit} rows however deep.
     */
    List<Run> list(
            String workspaceId,
            String workflowId,
            RunStatus status,
            Instant since,
            Instant before,
            RunCursor after,
            int limit) {
        return list(workspaceId, workflowId, null, status, since, before, after, limit);
    }

    /** The same, only runs started by {@code triggerType} when not null ({@code chat}, {@code api}, {@code manual}). */
    List<Run> list(
            String workspaceId,
            String workflowId,
            String triggerType,
            RunStatus status,
            Instant since,
            Instant before,
            RunCursor after,
            int limit) {
        var sql = new StringBuilder("SELECT " + COLUMNS + " FROM workflow_runs WHERE workspace_id = :ws");
        var params = new java.util.HashMap<String, Object>();
        params.put("ws", workspaceId);
        if (triggerType != null) {
            sql.append(" AND trigger_type = :triggerType");
            params.put("triggerType", triggerType);
        }
        if (workflowId != null) {
            sql.append(" AND workflow_id = :workflow");
            params.put("workflow", workflowId);
        }
        if (status != null) {
            sql.append(" AND status = :status");
            params.put("status", status.wire());
        }
        if (since != null) {
            sql.append(" AND created_at >= :since");
            params.put("since", Timestamps.format(since));
        }
        if (before != null) {
            sql.append(" AND created_at < :before");
            params.put("before", Timestamps.format(before));
        }
        if (after != null) { // a row value: both databases use it as one index range
            sql.append(" AND created_at <= :afterAt AND (created_at, id) < (:afterAt, :afterId)");
            params.put("afterAt", Timestamps.format(after.createdAt()));
            params.put("afterId", after.id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(RunRepository::row).list();
    }

    /**
     * Takes up to {@code limit} runs that are due and not held by a live lease, holding them until {@code
     * until}. On PostgreSQL, workers skip rows another is claiming (SKIP LOCKED); on SQLite one process
     * writes at a time. Either way a run is claimed by exactly one worker: the UPDATE re-checks the lease.
     */
    List<Run> claimDue(String owner, Instant now, Instant until, int limit) {
        String candidates = "SELECT id FROM workflow_runs WHERE due_at <= :now"
                + " AND (lease_until IS NULL OR lease_until < :now) ORDER BY due_at LIMIT :limit"
                + (dialect == SqlDialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "");
        return jdbc.sql("UPDATE workflow_runs SET lease_owner = :owner, lease_until = :until WHERE id IN ("
                        + candidates + ") AND due_at <= :now AND (lease_until IS NULL OR lease_until < :now)"
                        + " RETURNING " + COLUMNS)
                .param("owner", owner)
                .param("until", Timestamps.format(until))
                .param("now", Timestamps.format(now))
                .param("limit", limit)
                .query(RunRepository::row)
                .list();
    }

    /** Extends a held lease; false when the lease is no longer this owner's (it expired and was taken). */
    boolean renew(String id, String owner, Instant until) {
        return jdbc.sql("UPDATE workflow_runs SET lease_until = :until WHERE id = :id AND lease_owner = :owner")
                        .param("until", Timestamps.format(until))
                        .param("id", id)
                        .param("owner", owner)
                        .update()
                > 0;
    }

    /** Marks a held run as running (first time: started_at). */
    boolean markRunning(String id, String owner, Instant at) {
        return changed(
                jdbc.sql("UPDATE workflow_runs SET status = 'running', started_at = COALESCE(started_at, :at)"
                                + " WHERE id = :id AND lease_owner = :owner AND status IN ('queued', 'running', 'waiting')"
                                + " RETURNING workspace_id")
                        .param("at", Timestamps.format(at))
                        .param("id", id)
                        .param("owner", owner)
                        .query(String.class)
                        .optional(),
                id);
    }

    /**
     * Releases a held run: finished (terminal status, due_at cleared), or parked (waiting or queued until
     * {@code dueAt}). False when this owner no longer holds it or it was cancelled meanwhile.
     */
    boolean release(String id, String owner, RunStatus status, Instant dueAt, String output, String error, Instant at) {
        return changed(
                jdbc.sql("UPDATE workflow_runs SET status = :status, due_at = :due, output = :output, error = :error,"
                                + " lease_owner = NULL, lease_until = NULL,"
                                + " finished_at = CASE WHEN :terminal = 1 THEN :at ELSE NULL END"
                                + " WHERE id = :id AND lease_owner = :owner AND status <> 'cancelled'"
                                + " RETURNING workspace_id")
                        .param("status", status.wire())
                        .param("due", Timestamps.format(dueAt))
                        .param("output", output)
                        .param("error", error)
                        .param("terminal", status.terminal() ? 1 : 0)
                        .param("at", Timestamps.format(at))
                        .param("id", id)
                        .param("owner", owner)
                        .query(String.class)
                        .optional(),
                id);
    }

    /** Cancels a run that has not finished; false when it has or is not in the workspace. */
    boolean cancel(String workspaceId, String id, Instant at) {
        boolean cancelled = jdbc.sql("UPDATE workflow_runs SET status = 'cancelled', due_at = NULL, finished_at = :at,"
                                + " error = 'cancelled' WHERE id = :id AND workspace_id = :ws"
                                + " AND status IN ('queued', 'running', 'waiting')")
                        .param("at", Timestamps.format(at))
                        .param("id", id)
                        .param("ws", workspaceId)
                        .update()
                > 0;
        if (cancelled) {
            events.publishEvent(WorkflowItemsChanged.runs(workspaceId, List.of(id)));
        }
        return cancelled;
    }

    /**
     * Cancels an unfinished run only while step {@code stepId} has no state on record (its attempt is saved
     * before it acts): true when cancelled, so that step never acted. One statement, so no attempt slips in.
     */
    boolean cancelBefore(String workspaceId, String id, String stepId, Instant at) {
        boolean cancelled = jdbc.sql("UPDATE workflow_runs SET status = 'cancelled', due_at = NULL, finished_at = :at,"
                                + " error = 'cancelled' WHERE id = :id AND workspace_id = :ws"
                                + " AND status IN ('queued', 'running', 'waiting') AND NOT EXISTS (SELECT 1 FROM"
                                + " workflow_run_steps s WHERE s.run_id = :id AND s.step_id = :step)")
                        .param("at", Timestamps.format(at))
                        .param("id", id)
                        .param("ws", workspaceId)
                        .param("step", stepId)
                        .update()
                > 0;
        if (cancelled) {
            events.publishEvent(WorkflowItemsChanged.runs(workspaceId, List.of(id)));
        }
        return cancelled;
    }

    /** Runs of the workflow other than {@code exceptRunId} that a worker holds right now. */
    int countHeld(String workflowId, String exceptRunId, Instant now) {
        return jdbc.sql("SELECT COUNT(*) FROM workflow_runs WHERE workflow_id = :workflow AND id <> :except"
                        + " AND lease_until > :now AND status IN ('queued', 'running', 'waiting')")
                .param("workflow", workflowId)
                .param("except", exceptRunId)
                .param("now", Timestamps.format(now))
                .query(Integer.class)
                .single();
    }

    /** The status now; the engine checks it between steps to notice a cancel. */
    Optional<RunStatus> status(String id) {
        return jdbc.sql("SELECT status FROM workflow_runs WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .optional()
                .map(RunStatus::fromWire);
    }

    /** Up to {@code limit} finished runs (any workspace) that finished before {@code cutoff}. */
    List<String> finishedBefore(Instant cutoff, int limit) {
        return jdbc.sql("SELECT id FROM workflow_runs WHERE status IN ('succeeded', 'failed', 'cancelled')"
                        + " AND finished_at < :cutoff ORDER BY finished_at LIMIT :limit")
                .param("cutoff", Timestamps.format(cutoff))
                .param("limit", limit)
                .query(String.class)
                .list();
    }

    /** Workflows with more than {@code keep} runs in the table. */
    List<String> workflowsWithMoreRunsThan(int keep) {
        return jdbc.sql("SELECT workflow_id FROM workflow_runs GROUP BY workflow_id HAVING COUNT(*) > :keep")
                .param("keep", keep)
                .query(String.class)
                .list();
    }

    /** Up to {@code limit} finished runs of the workflow that are not among its newest {@code keep} runs. */
    List<String> finishedBeyondNewest(String workflowId, int keep, int limit) {
        return jdbc.sql("SELECT id FROM workflow_runs WHERE workflow_id = :workflow"
                        + " AND status IN ('succeeded', 'failed', 'cancelled') AND id NOT IN (SELECT id FROM"
                        + " workflow_runs WHERE workflow_id = :workflow ORDER BY created_at DESC, id DESC LIMIT :keep)"
                        + " ORDER BY created_at LIMIT :limit")
                .param("workflow", workflowId)
                .param("keep", keep)
                .param("limit", limit)
                .query(String.class)
                .list();
    }

    /** Deletes these runs and their steps; returns how many runs went. */
    int deleteWithSteps(List<String> ids) {
        jdbc.sql("DELETE FROM workflow_step_attempts WHERE run_id IN (:ids)")
                .param("ids", ids)
                .update();
        jdbc.sql("DELETE FROM workflow_run_steps WHERE run_id IN (:ids)")
                .param("ids", ids)
                .update();
        Map<String, List<String>> byWorkspace = new LinkedHashMap<>();
        jdbc.sql("DELETE FROM workflow_runs WHERE id IN (:ids) RETURNING id, workspace_id")
                .param("ids", ids)
                .query(rs -> {
                    byWorkspace
                            .computeIfAbsent(rs.getString("workspace_id"), k -> new ArrayList<>())
                            .add(rs.getString("id"));
                });
        changed(byWorkspace);
        return byWorkspace.values().stream().mapToInt(List::size).sum();
    }

    static Run row(ResultSet rs, int n) throws SQLException {
        return new Run(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("workflow_id"),
                rs.getInt("version"),
                RunStatus.fromWire(rs.getString("status")),
                rs.getString("trigger_data"),
                rs.getString("output"),
                rs.getString("error"),
                Timestamps.parse(rs.getString("due_at")),
                rs.getString("lease_owner"),
                Timestamps.parse(rs.getString("lease_until")),
                Timestamps.parse(rs.getString("created_at")),
                Timestamps.parse(rs.getString("started_at")),
                Timestamps.parse(rs.getString("finished_at")));
    }
}
