package dev.atom.identity.internal;

import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Refresh tokens, stored as SHA-256 hashes. Every login starts a family; each refresh marks the presented
 * token used and adds its successor to the family. Thread-safe; {@link #markUsed} is atomic, so two
 * concurrent refreshes with one token cannot both succeed.
 */
@Repository
class RefreshTokenRepository {
    private final JdbcClient jdbc;

    RefreshTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record RefreshToken(
            String id,
            String tokenHash,
            String familyId,
            String userId,
            String workspaceId,
            Instant createdAt,
            Instant expiresAt,
            Instant usedAt,
            Instant revokedAt) {}

    void insert(RefreshToken token) {
        jdbc.sql("""
                INSERT INTO refresh_tokens (id, token_hash, family_id, user_id, workspace_id, created_at, expires_at)
                VALUES (:id, :hash, :family, :user, :ws, :created, :expires)""")
                .param("id", token.id())
                .param("hash", token.tokenHash())
                .param("family", token.familyId())
                .param("user", token.userId())
                .param("ws", token.workspaceId())
                .param("created", Timestamps.format(token.createdAt()))
                .param("expires", Timestamps.format(token.expiresAt()))
                .update();
    }

    Optional<RefreshToken> findByHash(String tokenHash) {
        return jdbc.sql("SELECT * FROM refresh_tokens WHERE token_hash = :hash")
                .param("hash", tokenHash)
                .query(RefreshTokenRepository::row)
                .optional();
    }

    /** Marks a token used; false when it already was (a reuse) or was revoked meanwhile. */
    boolean markUsed(String id, Instant at) {
        return jdbc.sql("""
                        UPDATE refresh_tokens SET used_at = :at
                        WHERE id = :id AND used_at IS NULL AND revoked_at IS NULL""").param("at", Timestamps.format(at)).param("id", id).update() == 1;
    }

    /** Revokes every token of the family that is not revoked yet; returns how many. */
    int revokeFamily(String familyId, Instant at) {
        return jdbc.sql("UPDATE refresh_tokens SET revoked_at = :at WHERE family_id = :family AND revoked_at IS NULL")
                .param("at", Timestamps.format(at))
                .param("family", familyId)
                .update();
    }

    int revokeAllOfUser(String userId, Instant at) {
        return jdbc.sql("UPDATE refresh_tokens SET revoked_at = :at WHERE user_id = :user AND revoked_at IS NULL")
                .param("at", Timestamps.format(at))
                .param("user", userId)
                .update();
    }

    /**
     * Deletes tokens that can never be used again: expired or revoked ones. Used tokens within their lifetime
     * stay, so presenting one again is still recognized as reuse.
     */
    int deleteExpiredOrRevoked(Instant now) {
        return jdbc.sql("DELETE FROM refresh_tokens WHERE expires_at < :now OR revoked_at IS NOT NULL")
                .param("now", Timestamps.format(now))
                .update();
    }

    private static RefreshToken row(ResultSet rs, int n) throws SQLException {
        return new RefreshToken(
                rs.getString("id"),
                rs.getString("token_hash"),
                rs.getString("family_id"),
                rs.getString("user_id"),
                rs.getString("workspace_id"),
                Timestamps.parse(rs.getString("created_at")),
                Timestamps.parse(rs.getString("expires_at")),
                Timestamps.parse(rs.getString("used_at")),
                Timestamps.parse(rs.getString("revoked_at")));
    }
}
