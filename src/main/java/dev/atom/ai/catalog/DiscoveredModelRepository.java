package dev.atom.ai.catalog;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Models that openai-compatible servers listed, per key. Rows go with their key (foreign key, and the key
 * repository deletes them with it). Thread-safe.
 */
@Repository
class DiscoveredModelRepository {
    private final JdbcClient jdbc;
    private final TransactionOperations transactions;

    DiscoveredModelRepository(JdbcClient jdbc, TransactionOperations transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** One discovered model with the key that reaches it. */
    record Discovered(String keyId, String keyName, String userId, String model) {}

    /** Replaces what the key's server listed; the key must exist in the workspace. */
    void replace(String workspaceId, String keyId, List<String> models) {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("DELETE FROM ai_key_models WHERE workspace_id = :ws AND key_id = :key")
                    .param("ws", workspaceId)
                    .param("key", keyId)
                    .update();
            for (String model : models.stream().distinct().toList()) {
                jdbc.sql("INSERT INTO ai_key_models (key_id, workspace_id, model) VALUES (:key, :ws, :model)")
                        .param("key", keyId)
                        .param("ws", workspaceId)
                        .param("model", model)
                        .update();
            }
        });
    }

    /** Every discovered model of the workspace, by key age then model name. */
    List<Discovered> list(String workspaceId) {
        return jdbc.sql("""
                SELECT m.key_id, k.name, k.user_id, m.model FROM ai_key_models m
                JOIN ai_keys k ON k.id = m.key_id AND k.workspace_id = m.workspace_id
                WHERE m.workspace_id = :ws ORDER BY k.created_at, k.id, m.model
                """)
                .param("ws", workspaceId)
                .query((rs, n) -> new Discovered(
                        rs.getString("key_id"), rs.getString("name"), rs.getString("user_id"), rs.getString("model")))
                .list();
    }
}
