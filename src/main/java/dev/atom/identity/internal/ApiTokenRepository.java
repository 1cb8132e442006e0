package dev.atom.identity.internal;

import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Personal API tokens of a user in one workspace, stored as SHA-256 hashes. Thread-safe. */
@Repository
class ApiTokenRepository {
    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record ApiToken(
            String id,
            String workspaceId,
            String userId,
            String name,
            String prefix,
            String tokenHash,
            Instant createdAt,
            Instant lastUsedAt) {}

    void insert(ApiToken token) {
        jdbc.sql("""
                INSERT INTO api_tokens (id, workspace_id, user_id, name, prefix, token_hash, created_at)
                VALUES (:id, :ws, :user, :name, :prefix, :hash, :at)""")
                .param("id", token.id())
                .param("ws", token.workspaceId())
                .param("user", token.userId())
                .param("name", token.name())
                .param("prefix", token.prefix())
                .param("hash", token.tokenHash())
                .param("at", Timestamps.format(token.createdAt()))
                .update();
    }

    List<ApiToken> list(String workspaceId, String userId) {
        return jdbc.sql("""
                SELECT * FROM api_tokens WHERE workspace_id = :ws AND user_id = :user
                ORDER BY created_at DESC, id DESC""")
                .param("ws", workspaceId)
                .param("user", userId)
                .query(ApiTokenRepository::row)
                .list();
    }

    Optional<ApiToken> findByHash(String tokenHash) {
        return jdbc.sql("SELECT * FROM api_tokens WHERE token_hash = :hash")
                .param("hash", tokenHash)
                .query(ApiTokenRepository::row)
                .optional();
    }

    Optional<ApiToken> find(String workspaceId, String userId, String id) {
        return jdbc.sql("SELECT * FROM api_tokens WHERE id = :id AND workspace_id = :ws AND user_id = :user")
                .param("id", id)
                .param("ws", workspaceId)
                .param("user", userId)
                .query(ApiTokenRepository::row)
                .optional();
    }

    boolean delete(String workspaceId, String userId, String id) {
        return jdbc.sql("DELETE FROM api_tokens WHERE id = :id AND workspace_id = :ws AND user_id = :user")
                        .param("id", id)
                        .param("ws", workspaceId)
                        .param("user", userId)
                        .update()
                == 1;
    }

    /** Records a use, at most once per {@code notBefore} interval, so a busy script does not write on every call. */
    void touch(String id, Instant at, Instant notBefore) {
        jdbc.sql("""
                UPDATE api_tokens SET last_used_at = :at
                WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :before)""")
                .param("at", Timestamps.format(at))
                .param("id", id)
                .param("before", Timestamps.format(notBefore))
                .update();
    }

    private static ApiToken row(ResultSet rs, int n) throws SQLException {
        return new ApiToken(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("user_id"),
                rs.getString("name"),
                rs.getString("prefix"),
                rs.getString("token_hash"),
                Timestamps.parse(rs.getString("created_at")),
                Timestamps.parse(rs.getString("last_used_at")));
    }
}
