package dev.atom.workflows.internal;

import dev.atom.shared.time.Timestamps;
import dev.atom.workflows.WorkflowSearchItems;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link WorkflowSearchItems} over the workflows and runs tables, streamed in id-ordered batches. */
@Component
class WorkflowSearchQueries implements WorkflowSearchItems {
    private static final int BATCH = 1_000;
    private static final String WORKFLOWS = "SELECT w.id, w.workspace_id, w.name, w.updated_at FROM workflows w";
    private static final String RUNS = "SELECT r.id, r.workspace_id, r.workflow_id, w.name, r.status, r.error,"
            + " COALESCE(r.finished_at, r.created_at) AS at FROM workflow_runs r"
            + " JOIN workflows w ON w.id = r.workflow_id AND w.workspace_id = r.workspace_id";

    private final JdbcClient jdbc;

    WorkflowSearchQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void forEachWorkflow(Consumer<WorkflowItem> sink) {
        String after = "";
        while (true) {
            List<WorkflowItem> batch = jdbc.sql(WORKFLOWS + " WHERE w.id > :after ORDER BY w.id LIMIT :limit")
                    .param("after", after)
                    .param("limit", BATCH)
                    .query(WorkflowSearchQueries::workflow)
                    .list();
            batch.forEach(sink);
            if (batch.size() < BATCH) {
                return;
            }
            after = batch.getLast().id();
        }
    }

    @Override
    public void forEachRun(Consumer<RunItem> sink) {
        String after = "";
        while (true) {
            List<RunItem> batch = jdbc.sql(RUNS + " WHERE r.id > :after ORDER BY r.id LIMIT :limit")
                    .param("after", after)
                    .param("limit", BATCH)
                    .query(WorkflowSearchQueries::run)
                    .list();
            batch.forEach(sink);
            if (batch.size() < BATCH) {
                return;
            }
            after = batch.getLast().id();
        }
    }

    @Override
    public List<WorkflowItem> workflows(String workspaceId, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(WORKFLOWS + " WHERE w.workspace_id = :ws AND w.id IN (:ids)")
                .param("ws", workspaceId)
                .param("ids", ids)
                .query(WorkflowSearchQueries::workflow)
                .list();
    }

    @Override
    public List<RunItem> runs(String workspaceId, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(RUNS + " WHERE r.workspace_id = :ws AND r.id IN (:ids)")
                .param("ws", workspaceId)
                .param("ids", ids)
                .query(WorkflowSearchQueries::run)
                .list();
    }

    private static WorkflowItem workflow(ResultSet rs, int n) throws SQLException {
        return new WorkflowItem(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("name"),
                Timestamps.parse(rs.getString("updated_at")));
    }

    private static RunItem run(ResultSet rs, int n) throws SQLException {
        return new RunItem(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("workflow_id"),
                rs.getString("name"),
                rs.getString("status"),
                rs.getString("error"),
                Timestamps.parse(rs.getString("at")));
    }
}
