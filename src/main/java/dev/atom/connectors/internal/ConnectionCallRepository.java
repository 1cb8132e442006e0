package dev.atom.connectors.internal;

import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The record of direct action calls per connection, always within one workspace. Newest first, paged by id
 * (UUIDv7: time order). Thread-safe (stateless).
 */
@Repository
class ConnectionCallRepository {
    private final JdbcClient jdbc;

    ConnectionCallRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ConnectionCall call) {
        jdbc.sql("INSERT INTO connection_calls (id, workspace_id, connection_id, user_id, action, outcome, detail,"
                        + " called_at) VALUES (:id, :ws, :connection, :user, :action, :outcome, :detail, :at)")
                .param("id", call.id())
                .param("ws", call.workspaceId())
                .param("connection", call.connectionId())
                .param("user", call.userId())
                .param("action", call.action())
                .param("outcome", call.outcome())
                .param("detail", call.detail())
                .param("at", Timestamps.format(call.calledAt()))
                .update();
    }

    /** Up to {@code limit} calls on the connection, newest first, older than {@code before} (an id) if given. */
    List<ConnectionCall> page(String workspaceId, String connectionId, String before, int limit) {
        return jdbc.sql("SELECT id, workspace_id, connection_id, user_id, action, outcome, detail, called_at"
                        + " FROM connection_calls WHERE workspace_id = :ws AND connection_id = :connection"
                        + (before == null ? "" : " AND id < :before")
                        + " ORDER BY id DESC LIMIT :limit")
                .param("ws", workspaceId)
                .param("connection", connectionId)
                .param("before", before)
                .param("limit", limit)
                .query(ConnectionCallRepository::row)
                .list();
    }

    /** Forgets the calls of a removed connection. */
    int deleteForConnection(String workspaceId, String connectionId) {
        return jdbc.sql("DELETE FROM connection_calls WHERE workspace_id = :ws AND connection_id = :connection")
                .param("ws", workspaceId)
                .param("connection", connectionId)
                .update();
    }

    private static ConnectionCall row(ResultSet rs, int n) throws SQLException {
        return new ConnectionCall(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("connection_id"),
                rs.getString("user_id"),
                rs.getString("action"),
                rs.getString("outcome"),
                rs.getString("detail"),
                Timestamps.parse(rs.getString("called_at")));
    }
}
