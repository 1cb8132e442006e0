package dev.atom.identity.internal;

import dev.atom.shared.time.Timestamps;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
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

    /**
     * Inserts a user; throws {@link DuplicateKeyException} when the email is taken. ON CONFLICT keeps this the
     * same on both databases (SQLite's driver reports unique violations as uncategorized errors).
     */
    void insert(UserRow user) {
        int inserted = jdbc.sql("""
                        INSERT INTO users (id, email, name, password_hash, default_workspace_id, created_at)
                        VALUES (:id, :email, :name, :hash, :ws, :at) ON CONFLICT (email) DO NOTHING""")
                .param("id", user.id())
                .param("email", user.email())
                .param("name", user.name())
                .param("hash", user.passwordHash())
                .param("ws", user.defaultWorkspaceId())
                .param("at", Timestamps.format(user.createdAt()))
                .update();
        if (inserted == 0) {
            throw new DuplicateKeyException("a user with this email exists already");
        }
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

    /** The person's chosen IANA time zone id, or empty when they chose none (or do not exist). */
    Optional<String> timeZone(String userId) {
        return jdbc.sql("SELECT time_zone FROM users WHERE id = :id AND time_zone IS NOT NULL")
                .param("id", userId)
                .query(String.class)
                .optional();
    }

    /** Sets (or with null clears) the person's time zone; false when there is no such user. */
    boolean setTimeZone(String userId, String zoneId) {
        return jdbc.sql("UPDATE users SET time_zone = :zone WHERE id = :id")
                        .param("zone", zoneId)
                        .param("id", userId)
                        .update()
                == 1;
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
