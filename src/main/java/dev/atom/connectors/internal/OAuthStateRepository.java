package dev.atom.connectors.internal;

import dev.atom.shared.time.Timestamps;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * OAuth authorization attempts in flight, keyed by the SHA-256 hash of their state (the state itself is
 * never stored). {@link #consume} hands an attempt out at most once, on every instance sharing the database.
 * Thread-safe (stateless).
 */
@Repository
class OAuthStateRepository {

    /** One attempt: who started it, for which connector (and connection, when reconnecting), its verifier. */
    record Attempt(
            String stateHash,
            String workspaceId,
            String userId,
            String connector,
            String connectionId,
            String name,
            String codeVerifier,
            Instant createdAt,
            Instant expiresAt) {
        @Override
        public String toString() {
            return "Attempt[connector=" + connector + ", workspace=" + workspaceId + "]";
        }
    }

    private final JdbcClient jdbc;

    OAuthStateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Attempt a) {
        jdbc.sql("INSERT INTO oauth_states (state_hash, workspace_id, user_id, connector, connection_id, name,"
                        + " code_verifier, created_at, expires_at) VALUES (:hash, :ws, :user, :connector,"
                        + " :connection, :name, :verifier, :created, :expires)")
                .param("hash", a.stateHash())
                .param("ws", a.workspaceId())
                .param("user", a.userId())
                .param("connector", a.connector())
                .param("connection", a.connectionId())
                .param("name", a.name())
                .param("verifier", a.codeVerifier())
                .param("created", Timestamps.format(a.createdAt()))
                .param("expires", Timestamps.format(a.expiresAt()))
                .update();
    }

    /**
     * Takes the attempt out (deletes it) and returns it; empty when there is none or another request took it
     * first. An expired attempt is returned too, so the caller can say it expired.
     */
    Optional<Attempt> consume(String stateHash) {
        Optional<Attempt> found = jdbc.sql("SELECT state_hash, workspace_id, user_id, connector, connection_id, name,"
                        + " code_verifier, created_at, expires_at FROM oauth_states WHERE state_hash = :hash")
                .param("hash", stateHash)
                .query((rs, n) -> new Attempt(
                        rs.getString("state_hash"),
                        rs.getString("workspace_id"),
                        rs.getString("user_id"),
                        rs.getString("connector"),
                        rs.getString("connection_id"),
                        rs.getString("name"),
                        rs.getString("code_verifier"),
                        Timestamps.parse(rs.getString("created_at")),
                        Timestamps.parse(rs.getString("expires_at"))))
                .optional();
        if (found.isEmpty()) {
            return found;
        }
        int deleted = jdbc.sql("DELETE FROM oauth_states WHERE state_hash = :hash")
                .param("hash", stateHash)
                .update();
        return deleted == 1 ? found : Optional.empty(); // a concurrent callback deleted it first: it is spent
    }

    /** Forgets attempts that expired before {@code now}; returns how many. */
    int purgeExpired(Instant now) {
        return jdbc.sql("DELETE FROM oauth_states WHERE expires_at < :now")
                .param("now", Timestamps.format(now))
                .update();
    }
}
