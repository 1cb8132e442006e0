package dev.atom.connectors.internal;

import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Connections, always within one workspace: every statement filters by workspace_id, so another workspace's
 * id behaves as if it did not exist. Thread-safe (stateless).
 */
@Repository
class ConnectionRepository {
    private static final String COLUMNS = "id, workspace_id, connector, name, status, status_reason, account,"
            + " credentials_secret_id, access_token_secret_id, refresh_token_secret_id, token_expires_at,"
            + " token_version, created_by, created_at, updated_at, last_checked_at, auth_kind, visibility";
    private final JdbcClient jdbc;

    ConnectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Connection c) {
        jdbc.sql("INSERT INTO connections (" + COLUMNS + ") VALUES (:id, :ws, :connector, :name, :status, :reason,"
                        + " :account, :credentials, :access, :refresh, :expires, :version, :createdBy, :createdAt,"
                        + " :updatedAt, :checkedAt, :authKind, :visibility)")
                .param("id", c.id())
                .param("ws", c.workspaceId())
                .param("connector", c.connector())
                .param("name", c.name())
                .param("status", c.status().wire())
                .param("reason", c.statusReason())
                .param("account", c.account())
                .param("credentials", c.credentialsSecretId())
                .param("access", c.accessTokenSecretId())
                .param("refresh", c.refreshTokenSecretId())
                .param("expires", Timestamps.format(c.tokenExpiresAt()))
                .param("version", c.tokenVersion())
                .param("createdBy", c.createdBy())
                .param("createdAt", Timestamps.format(c.createdAt()))
                .param("updatedAt", Timestamps.format(c.updatedAt()))
                .param("checkedAt", Timestamps.format(c.lastCheckedAt()))
                .param("authKind", c.authKind())
                .param("visibility", c.visibility())
                .update();
    }

    Optional<Connection> find(String workspaceId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM connections WHERE id = :id AND workspace_id = :ws")
                .param("id", id)
                .param("ws", workspaceId)
                .query(ConnectionRepository::row)
                .optional();
    }

    /** The workspace's connections, oldest first. */
    List<Connection> list(String workspaceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM connections WHERE workspace_id = :ws ORDER BY created_at, id")
                .param("ws", workspaceId)
                .query(ConnectionRepository::row)
                .list();
    }

    /** Renames the connection and sets who may use it; false when it does not exist in the workspace. */
    boolean update(String workspaceId, String id, String name, String visibility, Instant at) {
        return jdbc.sql("UPDATE connections SET name = :name, visibility = :visibility, updated_at = :at"
                                + " WHERE id = :id AND workspace_id = :ws")
                        .param("name", name)
                        .param("visibility", visibility)
                        .param("at", Timestamps.format(at))
                        .param("id", id)
                        .param("ws", workspaceId)
                        .update()
                > 0;
    }

    /** Records a health verdict; false when the connection does not exist in the workspace. */
    boolean updateStatus(
            String workspaceId, String id, ConnectionStatus status, String reason, String account, Instant at) {
        return jdbc.sql("UPDATE connections SET status = :status, status_reason = :reason,"
                                + " account = COALESCE(:account, account), last_checked_at = :at, updated_at = :at"
                                + " WHERE id = :id AND workspace_id = :ws")
                        .param("status", status.wire())
                        .param("reason", reason)
                        .param("account", account)
                        .param("at", Timestamps.format(at))
                        .param("id", id)
                        .param("ws", workspaceId)
                        .update()
                > 0;
    }

    /**
     * Saves new OAuth token secrets if nobody else did since {@code expectedVersion} (compare-and-set): true
     * for the one refresher that wins, false for the others, which re-read the connection.
     */
    boolean updateTokens(
            String workspaceId,
            String id,
            long expectedVersion,
            String accessSecretId,
            String refreshSecretId,
            Instant expiresAt,
            Instant at) {
        return jdbc.sql("UPDATE connections SET access_token_secret_id = :access, refresh_token_secret_id = :refresh,"
                                + " token_expires_at = :expires, token_version = token_version + 1, updated_at = :at"
                                + " WHERE id = :id AND workspace_id = :ws AND token_version = :version")
                        .param("access", accessSecretId)
                        .param("refresh", refreshSecretId)
                        .param("expires", Timestamps.format(expiresAt))
                        .param("at", Timestamps.format(at))
                        .param("id", id)
                        .param("ws", workspaceId)
                        .param("version", expectedVersion)
                        .update()
                > 0;
    }

    /**
     * Puts fresh OAuth tokens on a connection after its owner went through the provider again (reconnect):
     * unconditionally, status connected, made with OAuth from now on, token_version moved on so in-flight
     * refreshes of the old tokens lose.
     */
    boolean reconnect(
            String workspaceId,
            String id,
            String accessSecretId,
            String refreshSecretId,
            Instant expiresAt,
            Instant at) {
        return jdbc.sql("UPDATE connections SET access_token_secret_id = :access, refresh_token_secret_id = :refresh,"
                                + " token_expires_at = :expires, token_version = token_version + 1,"
                                + " status = 'connected', status_reason = NULL, auth_kind = 'oauth2', updated_at = :at"
                                + " WHERE id = :id AND workspace_id = :ws")
                        .param("access", accessSecretId)
                        .param("refresh", refreshSecretId)
                        .param("expires", Timestamps.format(expiresAt))
                        .param("at", Timestamps.format(at))
                        .param("id", id)
                        .param("ws", workspaceId)
                        .update()
                > 0;
    }

    /** Records the scopes the provider granted (space-separated). */
    boolean updateScopes(String workspaceId, String id, String scopes) {
        return jdbc.sql("UPDATE connections SET token_scopes = :scopes WHERE id = :id AND workspace_id = :ws")
                        .param("scopes", scopes)
                        .param("id", id)
                        .param("ws", workspaceId)
                        .update()
                > 0;
    }

    /** The scopes the provider granted; empty when unknown. */
    Optional<String> scopes(String workspaceId, String id) {
        return jdbc.sql("SELECT token_scopes FROM connections WHERE id = :id AND workspace_id = :ws")
                .param("id", id)
                .param("ws", workspaceId)
                .query(String.class)
                .optional();
    }

    /**
     * Records that the service blocks calls on the connection until {@code until}, unless a later block is
     * already recorded. By id alone: the rate limiter knows only the connection (ids are unguessable UUIDs).
     */
    void blockUntil(String id, Instant until) {
        jdbc.sql("UPDATE connections SET rate_limited_until = :until WHERE id = :id"
                        + " AND (rate_limited_until IS NULL OR rate_limited_until < :until)")
                .param("until", Timestamps.format(until))
                .param("id", id)
                .update();
    }

    /** Until when the connection's calls are blocked, if a block was recorded. */
    Optional<Instant> blockedUntil(String id) {
        return jdbc.sql("SELECT rate_limited_until FROM connections WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> Optional.ofNullable(Timestamps.parse(rs.getString(1))))
                .optional()
                .flatMap(o -> o);
    }

    boolean delete(String workspaceId, String id) {
        return jdbc.sql("DELETE FROM connections WHERE id = :id AND workspace_id = :ws")
                        .param("id", id)
                        .param("ws", workspaceId)
                        .update()
                > 0;
    }

    private static Connection row(ResultSet rs, int n) throws SQLException {
        return new Connection(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("connector"),
                rs.getString("name"),
                ConnectionStatus.fromWire(rs.getString("status")),
                rs.getString("status_reason"),
                rs.getString("account"),
                rs.getString("credentials_secret_id"),
                rs.getString("access_token_secret_id"),
                rs.getString("refresh_token_secret_id"),
                Timestamps.parse(rs.getString("token_expires_at")),
                rs.getLong("token_version"),
                rs.getString("created_by"),
                Timestamps.parse(rs.getString("created_at")),
                Timestamps.parse(rs.getString("updated_at")),
                Timestamps.parse(rs.getString("last_checked_at")),
                rs.getString("auth_kind"),
                rs.getString("visibility"));
    }
}
