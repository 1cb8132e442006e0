package dev.atom.workflows.internal;

import dev.atom.shared.Ids;
import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * workflow_alerts, always within one workspace. A unique index allows one open alert per workflow and kind,
 * so opening is idempotent across instances (INSERT ... ON CONFLICT DO NOTHING). Stateless.
 */
@Repository
class AlertRepository {
    private static final String COLUMNS = "id, workspace_id, workflow_id, kind, detail, since, closed_at";
    private final JdbcClient jdbc;

    AlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens an alert; false when one of that kind is already open for the workflow. */
    boolean open(String workspaceId, String workflowId, String kind, String detail, Instant since) {
        return jdbc.sql("INSERT INTO workflow_alerts (" + COLUMNS + ") VALUES (:id, :ws, :workflow, :kind, :detail,"
                                + " :since, NULL) ON CONFLICT DO NOTHING")
                        .param("id", Ids.newId())
                        .param("ws", workspaceId)
                        .param("workflow", workflowId)
                        .param("kind", kind)
                        .param("detail", detail)
                        .param("since", Timestamps.format(since))
                        .update()
                == 1;
    }

    /** Closes the open alert of that kind; false when none was open. */
    boolean close(String workspaceId, String workflowId, String kind, Instant at) {
        return jdbc.sql("UPDATE workflow_alerts SET closed_at = :at WHERE workspace_id = :ws"
                                + " AND workflow_id = :workflow AND kind = :kind AND closed_at IS NULL")
                        .param("at", Timestamps.format(at))
                        .param("ws", workspaceId)
                        .param("workflow", workflowId)
                        .param("kind", kind)
                        .update()
                > 0;
    }

    /** The workspace's open alerts, newest first; of one workflow when {@code workflowId} is not null. */
    List<Alert> open(String workspaceId, String workflowId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workflow_alerts WHERE workspace_id = :ws AND closed_at IS NULL"
                        + " AND (CAST(:workflow AS TEXT) IS NULL OR workflow_id = :workflow)"
                        + " ORDER BY since DESC, id DESC")
                .param("ws", workspaceId)
                .param("workflow", workflowId)
                .query(AlertRepository::row)
                .list();
    }

    /** How many alerts are open in the workspace. */
    int countOpen(String workspaceId) {
        return jdbc.sql("SELECT COUNT(*) FROM workflow_alerts WHERE workspace_id = :ws AND closed_at IS NULL")
                .param("ws", workspaceId)
                .query(Integer.class)
                .single();
    }

    void deleteFor(String workspaceId, String workflowId) {
        jdbc.sql("DELETE FROM workflow_alerts WHERE workspace_id = :ws AND workflow_id = :workflow")
                .param("ws", workspaceId)
                .param("workflow", workflowId)
                .update();
    }

    private static Alert row(ResultSet rs, int n) throws SQLException {
        return new Alert(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("workflow_id"),
                rs.getString("kind"),
                rs.getString("detail"),
                Timestamps.parse(rs.getString("since")),
                Timestamps.parse(rs.getString("closed_at")));
    }
}
