package dev.atom.workflows.internal;

import dev.atom.shared.time.Timestamps;
import dev.atom.workflows.WorkflowSearchItems;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link WorkflowSearchItems} over the workflows and runs tables, streamed in id-ordered batches; whether a
 * workflow is private comes from {@link WorkflowPrivacy} (asked once per workflow per call).
 */
@Component
class WorkflowSearchQueries implements WorkflowSearchItems {
    private static final int BATCH = 1_000;
    private static final String WORKFLOWS =
            "SELECT w.id, w.workspace_id, w.name, w.created_by, w.updated_at FROM workflows w";
    private static final String RUNS = "SELECT r.id, r.workspace_id, r.workflow_id, w.name, w.created_by, r.status,"
            + " r.error, COALESCE(r.finished_at, r.started_at, r.created_at) AS at FROM workflow_runs r"
            + " JOIN workflows w ON w.id = r.workflow_id AND w.workspace_id = r.workspace_id";

    private final JdbcClient jdbc;
    private final WorkflowRepository workflows;
    private final WorkflowPrivacy privacy;

    WorkflowSearchQueries(JdbcClient jdbc, WorkflowRepository workflows, WorkflowPrivacy privacy) {
        this.jdbc = jdbc;
        this.workflows = workflows;
        this.privacy = privacy;
    }

    /** The columns as read, before privacy is decided. */
    private record Row(
            String id,
            String workspaceId,
            String workflowId,
            String name,
            String ownerId,
            String status,
            String error,
            Instant time) {}

    @Override
    public void forEachWorkflow(Consumer<WorkflowItem> sink) {
        Privacy cache = new Privacy();
        forEachBatch(WORKFLOWS, "w.id", WorkflowSearchQueries::workflowRow, r -> sink.accept(workflow(r, cache)));
    }

    @Override
    public void forEachRun(Consumer<RunItem> sink) {
        Privacy cache = new Privacy();
        forEachBatch(RUNS, "r.id", WorkflowSearchQueries::runRow, r -> sink.accept(run(r, cache)));
    }

    @Override
    public List<WorkflowItem> workflows(String workspaceId, List<String> ids) {
        Privacy cache = new Privacy();
        return byIds(WORKFLOWS + " WHERE w.workspace_id = :ws AND w.id IN (:ids)", workspaceId, ids)
                .query(WorkflowSearchQueries::workflowRow)
                .list()
                .stream()
                .map(r -> workflow(r, cache))
                .toList();
    }

    @Override
    public List<RunItem> runs(String workspaceId, List<String> ids) {
        Privacy cache = new Privacy();
        return byIds(RUNS + " WHERE r.workspace_id = :ws AND r.id IN (:ids)", workspaceId, ids)
                .query(WorkflowSearchQueries::runRow)
                .list()
                .stream()
                .map(r -> run(r, cache))
                .toList();
    }

    @Override
    public List<RunItem> runsOf(String workspaceId, String workflowId) {
        Privacy cache = new Privacy();
        return jdbc
                .sql(RUNS + " WHERE r.workspace_id = :ws AND r.workflow_id = :workflow")
                .param("ws", workspaceId)
                .param("workflow", workflowId)
                .query(WorkflowSearchQueries::runRow)
                .list()
                .stream()
                .map(r -> run(r, cache))
                .toList();
    }

    @Override
    public Set<String> hiddenFrom(
            String workspaceId, String userId, Collection<String> workflowIds, Collection<String> runIds) {
        Set<String> hidden = new HashSet<>();
        for (WorkflowItem w : workflows(workspaceId, List.copyOf(workflowIds))) {
            if (w.ownerOnly() && !w.ownerId().equals(userId)) {
                hidden.add(w.id());
            }
        }
        for (RunItem r : runs(workspaceId, List.copyOf(runIds))) {
            if (r.ownerOnly() && !r.ownerId().equals(userId)) {
                hidden.add(r.id());
            }
        }
        return hidden;
    }

    private void forEachBatch(
            String select, String idColumn, org.springframework.jdbc.core.RowMapper<Row> mapper, Consumer<Row> sink) {
        String after = "";
        while (true) {
            List<Row> batch = jdbc.sql(
                            select + " WHERE " + idColumn + " > :after ORDER BY " + idColumn + " LIMIT :limit")
                    .param("after", after)
                    .param("limit", BATCH)
                    .query(mapper)
                    .list();
            batch.forEach(sink);
            if (batch.size() < BATCH) {
                return;
            }
            after = batch.getLast().id();
        }
    }

    private JdbcClient.StatementSpec byIds(String sql, String workspaceId, List<String> ids) {
        // an empty IN () is not valid SQL: ask for an id that cannot exist instead
        return jdbc.sql(sql).param("ws", workspaceId).param("ids", ids.isEmpty() ? List.of("") : ids);
    }

    private WorkflowItem workflow(Row r, Privacy cache) {
        return new WorkflowItem(
                r.id(), r.workspaceId(), r.name(), r.ownerId(), cache.ownerOnly(r.workspaceId(), r.id()), r.time());
    }

    private RunItem run(Row r, Privacy cache) {
        return new RunItem(
                r.id(),
                r.workspaceId(),
                r.workflowId(),
                r.name(),
                r.status(),
                r.error(),
                r.ownerId(),
                cache.ownerOnly(r.workspaceId(), r.workflowId()),
                r.time());
    }

    /** Whether each workflow is private, decided once per call (a rebuild reads many runs of one workflow). */
    private final class Privacy {
        private final Map<String, Boolean> known = new HashMap<>();

        boolean ownerOnly(String workspaceId, String workflowId) {
            return known.computeIfAbsent(workspaceId + "/" + workflowId, k -> {
                Optional<Workflow> w = workflows.find(workspaceId, workflowId);
                return w.isPresent() && privacy.isPrivate(w.get());
            });
        }
    }

    private static Row workflowRow(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("created_by"),
                null,
                null,
                Timestamps.parse(rs.getString("updated_at")));
    }

    private static Row runRow(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("workflow_id"),
                rs.getString("name"),
                rs.getString("created_by"),
                rs.getString("status"),
                rs.getString("error"),
                Timestamps.parse(rs.getString("at")));
    }
}
