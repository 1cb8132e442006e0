package dev.atom.assistant.internal;

import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The assistant's approval rules, one per (person, tool, connection): saving the same key again changes its mode.
 * Every query filters by workspace and user, so another person's rule does not exist for the caller. Thread-safe.
 */
@Repository
class ApprovalRuleRepository {
    private static final String COLUMNS = "id, workspace_id, user_id, tool, connection, mode, created_at, updated_at";

    private final JdbcClient jdbc;

    ApprovalRuleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the rule, or changes the mode of the one with the same key; answers what is stored. */
    ApprovalRule save(ApprovalRule r) {
        jdbc.sql("INSERT INTO assistant_approval_rules (" + COLUMNS + ") VALUES (:id, :ws, :user, :tool, :connection,"
                        + " :mode, :created, :updated) ON CONFLICT (workspace_id, user_id, tool, connection)"
                        + " DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at")
                .param("id", r.id())
                .param("ws", r.workspaceId())
                .param("user", r.userId())
                .param("tool", r.tool())
                .param("connection", r.connection())
                .param("mode", r.mode().wire())
                .param("created", Timestamps.format(r.createdAt()))
                .param("updated", Timestamps.format(r.updatedAt()))
                .update();
        return jdbc.sql("SELECT " + COLUMNS + " FROM assistant_approval_rules WHERE workspace_id = :ws"
                        + " AND user_id = :user AND tool = :tool AND connection = :connection")
                .param("ws", r.workspaceId())
                .param("user", r.userId())
                .param("tool", r.tool())
                .param("connection", r.connection())
                .query(ApprovalRuleRepository::rule)
                .single();
    }

    /** The person's rules, by tool then connection. */
    List<ApprovalRule> list(String workspaceId, String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM assistant_approval_rules WHERE workspace_id = :ws"
                        + " AND user_id = :user ORDER BY tool, connection")
                .param("ws", workspaceId)
                .param("user", userId)
                .query(ApprovalRuleRepository::rule)
                .list();
    }

    /** The person's rules about one tool (any connection). */
    List<ApprovalRule> forTool(String workspaceId, String userId, String tool) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM assistant_approval_rules WHERE workspace_id = :ws"
                        + " AND user_id = :user AND tool = :tool ORDER BY connection")
                .param("ws", workspaceId)
                .param("user", userId)
                .param("tool", tool)
                .query(ApprovalRuleRepository::rule)
                .list();
    }

    Optional<ApprovalRule> find(String workspaceId, String userId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM assistant_approval_rules WHERE id = :id AND workspace_id = :ws"
                        + " AND user_id = :user")
                .param("id", id)
                .param("ws", workspaceId)
                .param("user", userId)
                .query(ApprovalRuleRepository::rule)
                .optional();
    }

    /** Revokes a rule; false when the caller has none with that id. */
    boolean delete(String workspaceId, String userId, String id) {
        return jdbc.sql(
                                "DELETE FROM assistant_approval_rules WHERE id = :id AND workspace_id = :ws AND user_id = :user")
                        .param("id", id)
                        .param("ws", workspaceId)
                        .param("user", userId)
                        .update()
                == 1;
    }

    private static ApprovalRule rule(ResultSet rs, int row) throws SQLException {
        return new ApprovalRule(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("user_id"),
                rs.getString("tool"),
                rs.getString("connection"),
                ApprovalRule.Mode.of(rs.getString("mode")),
                Timestamps.parse(rs.getString("created_at")),
                Timestamps.parse(rs.getString("updated_at")));
    }
}
