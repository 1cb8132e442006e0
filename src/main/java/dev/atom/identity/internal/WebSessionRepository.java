package dev.atom.identity.internal;

import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Browser sessions: the cookie value is stored only as its SHA-256 hash, so a copy of the database does not
 * sign anyone in. Rows live in the database, so sessions survive restarts and work on every instance.
 */
@Repository
class WebSessionRepository {
    private final JdbcClient jdbc;

    WebSessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record WebSession(
            String id,
            String tokenHash,
            String userId,
            String workspaceId,
            Instant createdAt,
            Instant lastSeenAt,
            Instant expiresAt) {}

    void insert(WebSession session) {
        jdbc.sql("""
                INSERT INTO web_sessions (id, token_hash, user_id, workspace_id, created_at, last_seen_at, expires_at)
                VALUES (:id, :hash, :user, :ws, :created, :seen, :expires)""")
                .param("id", session.id())
                .param("hash", session.tokenHash())
                .param("user", session.userId())
                .param("ws", session.workspaceId())
                .param("created", Timestamps.format(session.createdAt()))
                .param("seen", Timestamps.format(session.lastSeenAt()))
                .param("expires", Timestamps.format(session.expiresAt()))
                .update();
    }

    Optional<WebSession> findByHash(String tokenHash) {
        return jdbc.sql("SELECT * FROM web_sessions WHERE token_hash = :hash")
                .param("hash", tokenHash)
                .query(WebSessionRepository::row)
                .optional();
    }

    /** Slides the expiry forward. */
    void touch(String id, Instant seenAt, Instant expiresAt) {
        jdbc.sql("UPDATE web_sessions SET last_seen_at = :seen, expires_at = :expires WHERE id = :id")
                .param("seen", Timestamps.format(seenAt))
                .param("expires", Timestamps.format(expiresAt))
                .param("id", id)
                .update();
    }

    boolean deleteByHash(String tokenHash) {
        return jdbc.sql("DELETE FROM web_sessions WHERE token_hash = :hash")
                        .param("hash", tokenHash)
                        .update()
                == 1;
    }

    int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM web_sessions WHERE expires_at < :now")
                .param("now", Timestamps.format(now))
                .update();
    }

    private static WebSession row(ResultSet rs, int n) throws SQLException {
        return new WebSession(
                rs.getString("id"),
                rs.getString("token_hash"),
                rs.getString("user_id"),
                rs.getString("workspace_id"),
                Timestamps.parse(rs.getString("created_at")),
                Timestamps.parse(rs.getString("last_seen_at")),
                Timestamps.parse(rs.getString("expires_at")));
    }
}
