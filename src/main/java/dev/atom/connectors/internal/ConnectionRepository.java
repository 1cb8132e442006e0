package dev.atom.connectors.internal;

import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** A connection whose scheduled health check is due; {@code dueAt} null when it was never planned. */
    record HealthDue(String workspaceId, String id, Instant dueAt) {}

    /**
     * Up to {@code limit} connections, across workspaces, whose health check is due at {@code now} (never planned
     * ones first), skipping those that wait for their owner to reconnect: checking refused credentials again only
     * risks locking the account (IMAP servers do).
     */
    List<HealthDue> dueForHealth(Instant now, int limit) {
        return jdbc.sql("SELECT workspace_id, id, health_due_at FROM connections WHERE status <> 'needs_reconnect'"
                        + " AND (health_due_at IS NULL OR health_due_at <= :now)"
                        + " ORDER BY COALESCE(health_due_at, ''), id LIMIT :limit")
                .param("now", Timestamps.format(now))
                .param("limit", limit)
                .query((rs, n) -> new HealthDue(rs.getString(1), rs.getString(2), Timestamps.parse(rs.getString(3))))
                .list();
    }

    /**
     * Takes the due check by moving its due time to {@code next}, if it is still {@code expectedDue} (compare-and-
     * set): of several instances that saw it due, exactly one wins and checks.
     */
    boolean claimHealthCheck(String workspaceId, String id, Instant expectedDue, Instant next) {
        String same = expectedDue == null ? "health_due_at IS NULL" : "health_due_at = :expected";
        var statement = jdbc.sql("UPDATE connections SET health_due_at = :next WHERE id = :id AND workspace_id = :ws"
                        + " AND " + same)
                .param("next", Timestamps.format(next))
                .param("id", id)
                .param("ws", workspaceId);
        if (expectedDue != null) {
            statement = statement.param("expected", Timestamps.format(expectedDue));
        }
        return statement.update() > 0;
    }

    /** When each of the workspace's connections is next checked (absent: not planned yet), by connection id. */
    Map<String, Instant> healthDue(String workspaceId) {
        Map<String, Instant> out = new HashMap<>();
        jdbc.sql("SELECT id, health_due_at FROM connections WHERE workspace_id = :ws AND health_due_at IS NOT NULL")
                .param("ws", workspaceId)
                .query(rs -> {
                    out.put(rs.getString(1), Timestamps.parse(rs.getString(2)));
                });
        return out;
    }

    /** What is known of the age of a connection's refresh token, for the expiry forecast. */
    record TokenAges(Instant refreshIssuedAt, Instant refreshUsedAt, Instant refreshExpiresAt, Instant warnedAt) {
        static final TokenAges NONE = new TokenAges(null, null, null, null);
    }

    /** The token ages of the workspace's connections, by connection id. */
    Map<String, TokenAges> tokenAges(String workspaceId) {
        Map<String, TokenAges> out = new HashMap<>();
        jdbc.sql("SELECT id, refresh_token_issued_at, refresh_token_used_at, refresh_token_expires_at,"
                        + " expiry_warned_at FROM connections WHERE workspace_id = :ws")
                .param("ws", workspaceId)
                .query(rs -> {
                    out.put(
                            rs.getString(1),
                            new TokenAges(
                                    Timestamps.parse(rs.getString(2)),
                                    Timestamps.parse(rs.getString(3)),
                                    Timestamps.parse(rs.getString(4)),
                                    Timestamps.parse(rs.getString(5))));
                });
        return out;
    }

    /**
     * Records that the connection's refresh token worked at {@code at}: a {@code newToken} (a connect, a reconnect,
     * a rotation) also starts its age and clears the expiry warning. {@code expiresAt} is its end when the
     * provider said (null: unchanged for the same token, unknown for a new one).
     */
    boolean recordRefreshToken(String workspaceId, String id, boolean newToken, Instant at, Instant expiresAt) {
        String set = newToken
                ? "refresh_token_issued_at = :at, refresh_token_used_at = :at, refresh_token_expires_at = :expires,"
                        + " expiry_warned_at = NULL"
                : "refresh_token_used_at = :at, refresh_token_expires_at = COALESCE(:expires,"
                        + " refresh_token_expires_at)";
        return jdbc.sql("UPDATE connections SET " + set + " WHERE id = :id AND workspace_id = :ws")
                        .param("at", Timestamps.format(at))
                        .param("expires", Timestamps.format(expiresAt))
                        .param("id", id)
                        .param("ws", workspaceId)
                        .update()
                > 0;
    }

    /** Notes that the owner was told the connection's sign-in ends soon; false if someone noted it already. */
    boolean markExpiryWarned(String workspaceId, String id, Instant at) {
        return jdbc.sql("UPDATE connections SET expiry_warned_at = :at WHERE id = :id AND workspace_id = :ws"
                                + " AND expiry_warned_at IS NULL")
                        .param("at", Timestamps.format(at))
                        .param("id", id)
                        .param("ws", workspaceId)
                        .update()
                > 0;
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
