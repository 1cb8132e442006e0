package dev.atom.workflows.internal;

import dev.atom.shared.time.Timestamps;
import dev.atom.workflows.WorkflowItemsChanged;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Workflows and their published versions, always within one workspace (every statement filters by
 * workspace_id), except {@link #findByWebhookToken}, whose token is the secret of a public URL. Every write
 * publishes {@link WorkflowItemsChanged} (heard after the commit), so search follows. Stateless.
 */
@Repository
class WorkflowRepository {
    private static final String COLUMNS = "id, workspace_id, name, draft, active_version, enabled, webhook_token,"
            + " created_by, created_at, updated_at";
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    WorkflowRepository(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    private boolean changed(String workspaceId, String id, boolean changed) {
        if (changed) {
            events.publishEvent(WorkflowItemsChanged.workflow(workspaceId, id));
        }
        return changed;
    }

    void insert(Workflow w) {
        jdbc.sql("INSERT INTO workflows (" + COLUMNS + ") VALUES (:id, :ws, :name, :draft, :version, :enabled,"
                        + " :token, :createdBy, :createdAt, :updatedAt)")
                .param("id", w.id())
                .param("ws", w.workspaceId())
                .param("name", w.name())
                .param("draft", w.draft())
                .param("version", w.activeVersion())
                .param("enabled", w.enabled() ? 1 : 0)
                .param("token", w.webhookToken())
                .param("createdBy", w.createdBy())
                .param("createdAt", Timestamps.format(w.createdAt()))
                .param("updatedAt", Timestamps.format(w.updatedAt()))
                .update();
        changed(w.workspaceId(), w.id(), true);
    }

    Optional<Workflow> find(String workspaceId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workflows WHERE id = :id AND workspace_id = :ws")
                .param("id", id)
                .param("ws", workspaceId)
                .query(WorkflowRepository::row)
                .optional();
    }

    /** The workflow whose webhook URL carries this token, in whatever workspace. */
    Optional<Workflow> findByWebhookToken(String token) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workflows WHERE webhook_token = :token")
                .param("token", token)
                .query(WorkflowRepository::row)
                .optional();
    }

    /** The workspace's workflows, oldest first. */
    List<Workflow> list(String workspaceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workflows WHERE workspace_id = :ws ORDER BY created_at, id")
                .param("ws", workspaceId)
                .query(WorkflowRepository::row)
                .list();
    }

    boolean updateDraft(String workspaceId, String id, String name, String draft, Instant at) {
        return changed(
                workspaceId,
                id,
                jdbc.sql("UPDATE workflows SET name = :name, draft = :draft, updated_at = :at"
                                        + " WHERE id = :id AND workspace_id = :ws")
                                .param("name", name)
                                .param("draft", draft)
                                .param("at", Timestamps.format(at))
                                .param("id", id)
                                .param("ws", workspaceId)
                                .update()
                        > 0);
    }

    boolean setEnabled(String workspaceId, String id, boolean enabled, Instant at) {
        return changed(
                workspaceId,
                id,
                jdbc.sql(
                                        "UPDATE workflows SET enabled = :enabled, updated_at = :at WHERE id = :id AND workspace_id = :ws")
                                .param("enabled", enabled ? 1 : 0)
                                .param("at", Timestamps.format(at))
                                .param("id", id)
                                .param("ws", workspaceId)
                                .update()
                        > 0);
    }

    /**
     * Saves the draft as the next numbered version and makes it the active one, switched on. The caller runs
     * this in a transaction; the primary key refuses a second publisher racing for the same number.
     */
    int publish(String workspaceId, String id, String definition, String userId, Instant at) {
        int next = jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM workflow_versions WHERE workflow_id = :id")
                .param("id", id)
                .query(Integer.class)
                .single();
        jdbc.sql("INSERT INTO workflow_versions (workflow_id, version, workspace_id, definition, published_by,"
                        + " published_at) VALUES (:id, :version, :ws, :definition, :by, :at)")
                .param("id", id)
                .param("version", next)
                .param("ws", workspaceId)
                .param("definition", definition)
                .param("by", userId)
                .param("at", Timestamps.format(at))
                .update();
        jdbc.sql("UPDATE workflows SET active_version = :version, enabled = 1, updated_at = :at"
                        + " WHERE id = :id AND workspace_id = :ws")
                .param("version", next)
                .param("at", Timestamps.format(at))
                .param("id", id)
                .param("ws", workspaceId)
                .update();
        changed(workspaceId, id, true);
        return next;
    }

    /** A published version's definition JSON. */
    Optional<String> version(String workspaceId, String id, int version) {
        return jdbc.sql("SELECT definition FROM workflow_versions"
                        + " WHERE workflow_id = :id AND version = :version AND workspace_id = :ws")
                .param("id", id)
                .param("version", version)
                .param("ws", workspaceId)
                .query(String.class)
                .optional();
    }

    /** Deletes the workflow, its versions and its runs' history. */
    boolean delete(String workspaceId, String id) {
        List<String> runIds = jdbc.sql("SELECT id FROM workflow_runs WHERE workflow_id = :id AND workspace_id = :ws")
                .param("id", id)
                .param("ws", workspaceId)
                .query(String.class)
                .list();
        jdbc.sql("DELETE FROM workflow_step_attempts WHERE workspace_id = :ws AND run_id IN"
                        + " (SELECT id FROM workflow_runs WHERE workflow_id = :id AND workspace_id = :ws)")
                .param("id", id)
                .param("ws", workspaceId)
                .update();
        jdbc.sql("DELETE FROM workflow_run_steps WHERE workspace_id = :ws AND run_id IN"
                        + " (SELECT id FROM workflow_runs WHERE workflow_id = :id AND workspace_id = :ws)")
                .param("id", id)
                .param("ws", workspaceId)
                .update();
        jdbc.sql("DELETE FROM workflow_runs WHERE workflow_id = :id AND workspace_id = :ws")
                .param("id", id)
                .param("ws", workspaceId)
                .update();
        jdbc.sql("DELETE FROM workflow_versions WHERE workflow_id = :id AND workspace_id = :ws")
                .param("id", id)
                .param("ws", workspaceId)
                .update();
        boolean deleted = jdbc.sql("DELETE FROM workflows WHERE id = :id AND workspace_id = :ws")
                        .param("id", id)
                        .param("ws", workspaceId)
                        .update()
                > 0;
        if (deleted || !runIds.isEmpty()) {
            events.publishEvent(new WorkflowItemsChanged(workspaceId, List.of(id), runIds));
        }
        return deleted;
    }

    private static Workflow row(ResultSet rs, int n) throws SQLException {
        int version = rs.getInt("active_version");
        Integer activeVersion = rs.wasNull() ? null : version;
        return new Workflow(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("name"),
                rs.getString("draft"),
                activeVersion,
                rs.getInt("enabled") == 1,
                rs.getString("webhook_token"),
                rs.getString("created_by"),
                Timestamps.parse(rs.getString("created_at")),
                Timestamps.parse(rs.getString("updated_at")));
    }
}
