package dev.atom.ai.routing;

import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** One default routing row per workspace (the list as a JSON array); every statement filters by workspace. */
@Repository
class RoutingSettingRepository {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    RoutingSettingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<RoutingSetting> find(String workspaceId) {
        return jdbc.sql("SELECT workspace_id, models, updated_by, updated_at FROM ai_routing WHERE workspace_id = :ws")
                .param("ws", workspaceId)
                .query(RoutingSettingRepository::row)
                .optional();
    }

    /** Inserts or replaces the workspace's setting (one statement: concurrent saves never collide). */
    RoutingSetting put(RoutingSetting setting) {
        jdbc.sql("""
                INSERT INTO ai_routing (workspace_id, models, updated_by, updated_at)
                VALUES (:ws, :models, :by, :at)
                ON CONFLICT (workspace_id) DO UPDATE SET
                    models = excluded.models, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """)
                .param("ws", setting.workspaceId())
                .param("models", JSON.writeValueAsString(setting.models()))
                .param("by", setting.updatedBy())
                .param("at", Timestamps.format(setting.updatedAt()))
                .update();
        return setting;
    }

    private static RoutingSetting row(ResultSet rs, int n) throws SQLException {
        List<String> models = JSON.readValue(rs.getString("models"), new TypeReference<List<String>>() {});
        return new RoutingSetting(
                rs.getString("workspace_id"),
                models,
                rs.getString("updated_by"),
                Timestamps.parse(rs.getString("updated_at")));
    }
}
