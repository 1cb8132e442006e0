package dev.atom.identity.internal;

import dev.atom.shared.time.Timestamps;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts: one row per person, keyed by a normalized (trimmed, lower-case) email. Thread-safe. */
@Repository
class UserRepository {
    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record UserRow(
            String id, String email, String name, String passwordHash, String defaultWorkspaceId, Instant createdAt) {}

    void insert(UserRow user) {
        jdbc.sql("""
                INSERT INTO users (id, email, name, password_hash, default_workspace_id, created_at)
                VALUES (:id, :email, :name, :hash, :ws, :at)""")
                .param("id", user.id())
                .param("email", user.email())
                .param("name", user.name())
                .param("hash", user.passwordHash())
                .param("ws", user.defaultWorkspaceId())
                .param("at", Timestamps.format(user.createdAt()))
                .update();
    }

    Optional<UserRow> findByEmail(String email) {
        return jdbc.sql("SELECT * FROM users WHERE email = :email")
                .param("email", email)
                .query(UserRepository::row)
                .optional();
    }

    Optional<UserRow> findById(String id) {
        return jdbc.sql("SELECT * FROM users WHERE id = :id")
                .param("id", id)
                .query(UserRepository::row)
                .optional();
    }

    boolean exist() {
        return jdbc.sql("SELECT 1 FROM users LIMIT 1")
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    void setDefaultWorkspace(String userId, String workspaceId) {
        jdbc.sql("UPDATE users SET default_workspace_id = :ws WHERE id = :id")
                .param("ws", workspaceId)
                .param("id", userId)
                .update();
    }

    private static UserRow row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new UserRow(
                rs.getString("id"),
                rs.getString("email"),
                rs.getString("name"),
                rs.getString("password_hash"),
                rs.getString("default_workspace_id"),
                Timestamps.parse(rs.getString("created_at")));
    }
}
