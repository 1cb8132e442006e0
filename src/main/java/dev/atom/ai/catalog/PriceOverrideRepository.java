package dev.atom.ai.catalog;

import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

/** Price overrides, one per model and workspace; every statement filters by workspace. Thread-safe. */
@Repository
class PriceOverrideRepository {
    private static final String COLUMNS =
            "id, workspace_id, model, input_micros, output_micros," + " cached_input_micros, updated_by, updated_at";

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;

    PriceOverrideRepository(JdbcClient jdbc, TransactionOperations transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    List<PriceOverride> list(String workspaceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ai_price_overrides WHERE workspace_id = :ws ORDER BY model")
                .param("ws", workspaceId)
                .query(PriceOverrideRepository::row)
                .list();
    }

    Optional<PriceOverride> find(String workspaceId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ai_price_overrides WHERE workspace_id = :ws AND id = :id")
                .param("ws", workspaceId)
                .param("id", id)
                .query(PriceOverrideRepository::row)
                .optional();
    }

    /**
     * Sets the model's price: replaces the existing override (keeping its id) or inserts {@code candidate}.
     * Returns what is stored.
     */
    PriceOverride put(PriceOverride candidate) {
        return transactions.execute(tx -> {
            int updated = jdbc.sql("""
                    UPDATE ai_price_overrides SET input_micros = :input, output_micros = :output,
                        cached_input_micros = :cached, updated_by = :by, updated_at = :at
                    WHERE workspace_id = :ws AND model = :model
                    """)
                    .param("input", candidate.inputMicros())
                    .param("output", candidate.outputMicros())
                    .param("cached", candidate.cachedInputMicros())
                    .param("by", candidate.updatedBy())
                    .param("at", Timestamps.format(candidate.updatedAt()))
                    .param("ws", candidate.workspaceId())
                    .param("model", candidate.model())
                    .update();
            if (updated == 0) {
                jdbc.sql("""
                        INSERT INTO ai_price_overrides (id, workspace_id, model, input_micros, output_micros,
                            cached_input_micros, updated_by, updated_at)
                        VALUES (:id, :ws, :model, :input, :output, :cached, :by, :at)
                        """)
                        .param("id", candidate.id())
                        .param("ws", candidate.workspaceId())
                        .param("model", candidate.model())
                        .param("input", candidate.inputMicros())
                        .param("output", candidate.outputMicros())
                        .param("cached", candidate.cachedInputMicros())
                        .param("by", candidate.updatedBy())
                        .param("at", Timestamps.format(candidate.updatedAt()))
                        .update();
            }
            return jdbc.sql("SELECT " + COLUMNS + " FROM ai_price_overrides WHERE workspace_id = :ws AND model = :m")
                    .param("ws", candidate.workspaceId())
                    .param("m", candidate.model())
                    .query(PriceOverrideRepository::row)
                    .single();
        });
    }

    boolean delete(String workspaceId, String id) {
        return jdbc.sql("DELETE FROM ai_price_overrides WHERE workspace_id = :ws AND id = :id")
                        .param("ws", workspaceId)
                        .param("id", id)
                        .update()
                > 0;
    }

    private static PriceOverride row(ResultSet rs, int n) throws SQLException {
        return new PriceOverride(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("model"),
                rs.getLong("input_micros"),
                rs.getLong("output_micros"),
                rs.getLong("cached_input_micros"),
                rs.getString("updated_by"),
                Timestamps.parse(rs.getString("updated_at")));
    }
}
