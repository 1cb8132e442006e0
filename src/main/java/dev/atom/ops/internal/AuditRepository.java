package dev.atom.ops.internal;

import dev.atom.shared.Ids;
import dev.atom.shared.audit.AuditEvent;
import dev.atom.shared.time.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log table: append-only, read newest first per workspace. Writes join the caller's transaction
 * when there is one (JdbcClient takes the transaction-bound connection). Thread-safe.
 */
@Repository
class AuditRepository {
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final JavaType detailType;

    AuditRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.detailType = json.getTypeFactory().constructMapType(TreeMap.class, String.class, String.class);
    }

    /** Stores the event and returns the new entry's id. */
    String append(AuditEvent event, String requestId, Instant at) {
        String id = Ids.newId();
        jdbc.sql("""
                        INSERT INTO audit_events
                            (id, workspace_id, actor_user_id, type, detail, ip, request_id, created_at)
                        VALUES (:id, :workspaceId, :actorUserId, :type, :detail, :ip, :requestId, :createdAt)
                        """)
                .param("id", id)
                .param("workspaceId", event.workspaceId())
                .param("actorUserId", event.actorUserId())
                .param("type", event.type())
                .param("detail", json.writeValueAsString(new TreeMap<>(event.detail())))
                .param("ip", event.ip())
                .param("requestId", requestId)
                .param("createdAt", Timestamps.format(at))
                .update();
        return id;
    }

    /** Up to {@code limit} entries of one workspace, newest first, after the cursor when there is one. */
    List<AuditEntry> page(String workspaceId, AuditCursor after, int limit) {
        String sql = "SELECT id, type, actor_user_id, detail, ip, request_id, created_at FROM audit_events"
                + " WHERE workspace_id = :workspaceId"
                + (after == null ? "" : " AND (created_at < :at OR (created_at = :at AND id < :id))")
                + " ORDER BY created_at DESC, id DESC LIMIT :limit";
        var statement = jdbc.sql(sql).param("workspaceId", workspaceId).param("limit", limit);
        if (after != null) {
            statement.param("at", Timestamps.format(after.createdAt())).param("id", after.id());
        }
        return statement
                .query((rs, row) -> new AuditEntry(
                        rs.getString("id"),
                        rs.getString("type"),
                        rs.getString("actor_user_id"),
                        detail(rs.getString("detail")),
                        rs.getString("ip"),
                        rs.getString("request_id"),
                        Timestamps.parse(rs.getString("created_at"))))
                .list();
    }

    private Map<String, String> detail(String text) {
        return json.readValue(text, detailType);
    }
}
