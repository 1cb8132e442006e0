package dev.atom.secrets.internal;

import dev.atom.shared.time.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code secrets} table. Stores only ciphertext; every query on a single secret filters by workspace.
 * Thread-safe (stateless over a JdbcClient).
 */
@Repository
class SecretRepository {
    private final JdbcClient jdbc;

    SecretRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(String id, String workspaceId, String owner, String purpose, String ciphertext) {
        SecretBinding binding() {
            return new SecretBinding(id, workspaceId, owner, purpose);
        }
    }

    void insert(Row row, Instant now) {
        String at = Timestamps.format(now);
        jdbc.sql("""
                        INSERT INTO secrets (id, workspace_id, owner, purpose, ciphertext, created_at, updated_at)
                        VALUES (:id, :workspaceId, :owner, :purpose, :ciphertext, :at, :at)""")
                .param("id", row.id())
                .param("workspaceId", row.workspaceId())
                .param("owner", row.owner())
                .param("purpose", row.purpose())
                .param("ciphertext", row.ciphertext())
                .param("at", at)
                .update();
    }

    /** Replaces the ciphertext of the row matching id, workspace, owner and purpose; false when none. */
    boolean updateCiphertext(Row row, Instant now) {
        return jdbc.sql("""
                        UPDATE secrets SET ciphertext = :ciphertext, updated_at = :at
                        WHERE id = :id AND workspace_id = :workspaceId AND owner = :owner AND purpose = :purpose""")
                        .param("ciphertext", row.ciphertext())
                        .param("at", Timestamps.format(now))
                        .param("id", row.id())
                        .param("workspaceId", row.workspaceId())
                        .param("owner", row.owner())
                        .param("purpose", row.purpose())
                        .update()
                == 1;
    }

    /** Re-encryption by key rotation: the value (and so updated_at) does not change. */
    void replaceCiphertext(String id, String workspaceId, String ciphertext) {
        jdbc.sql("UPDATE secrets SET ciphertext = :ciphertext WHERE id = :id AND workspace_id = :workspaceId")
                .param("ciphertext", ciphertext)
                .param("id", id)
                .param("workspaceId", workspaceId)
                .update();
    }

    Optional<Row> find(String id, String workspaceId, String owner, String purpose) {
        return jdbc.sql("""
                        SELECT id, workspace_id, owner, purpose, ciphertext FROM secrets
                        WHERE id = :id AND workspace_id = :workspaceId AND owner = :owner AND purpose = :purpose""")
                .param("id", id)
                .param("workspaceId", workspaceId)
                .param("owner", owner)
                .param("purpose", purpose)
                .query(Row.class)
                .optional();
    }

    /** The oldest secret with this owner and purpose in a workspace (the master-key canary). */
    Optional<Row> findFirst(String workspaceId, String owner, String purpose) {
        return jdbc.sql("""
                        SELECT id, workspace_id, owner, purpose, ciphertext FROM secrets
                        WHERE workspace_id = :workspaceId AND owner = :owner AND purpose = :purpose
                        ORDER BY id LIMIT 1""")
                .param("workspaceId", workspaceId)
                .param("owner", owner)
                .param("purpose", purpose)
                .query(Row.class)
                .optional();
    }

    boolean delete(String id, String workspaceId) {
        return jdbc.sql("DELETE FROM secrets WHERE id = :id AND workspace_id = :workspaceId")
                        .param("id", id)
                        .param("workspaceId", workspaceId)
                        .update()
                == 1;
    }

    /** Every secret of the installation, across workspaces: only key rotation reads them all. */
    List<Row> findAllForRotation() {
        return jdbc.sql("SELECT id, workspace_id, owner, purpose, ciphertext FROM secrets ORDER BY id")
                .query(Row.class)
                .list();
    }

    long countAll() {
        return jdbc.sql("SELECT COUNT(*) FROM secrets").query(Long.class).single();
    }
}
