package dev.atom.connectors.internal;

import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The OAuth apps workspaces registered, one per workspace and connector; every statement filters by
 * workspace_id. Thread-safe (stateless).
 */
@Repository
class OAuthAppRepository {
    private static final String COLUMNS =
            "workspace_id, connector, client_id, client_secret_id, testing, updated_by, updated_at";
    private final JdbcClient jdbc;

    OAuthAppRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<OAuthApp> find(String workspaceId, String connector) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM oauth_apps WHERE workspace_id = :ws AND connector = :connector")
                .param("ws", workspaceId)
                .param("connector", connector)
                .query(OAuthAppRepository::row)
                .optional();
    }

    /** The workspace's apps, by connector id. */
    List<OAuthApp> list(String workspaceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM oauth_apps WHERE workspace_id = :ws ORDER BY connector")
                .param("ws", workspaceId)
                .query(OAuthAppRepository::row)
                .list();
    }

    /** Inserts the app, or replaces the workspace's app for that connector. */
    void save(OAuthApp app) {
        jdbc.sql("INSERT INTO oauth_apps (" + COLUMNS + ") VALUES (:ws, :connector, :clientId, :secretId, :testing,"
                        + " :by, :at) ON CONFLICT (workspace_id, connector) DO UPDATE SET client_id ="
                        + " excluded.client_id, client_secret_id = excluded.client_secret_id, testing ="
                        + " excluded.testing, updated_by = excluded.updated_by, updated_at = excluded.updated_at")
                .param("ws", app.workspaceId())
                .param("connector", app.connector())
                .param("clientId", app.clientId())
                .param("secretId", app.clientSecretId())
                .param("testing", app.testing() ? 1 : 0)
                .param("by", app.updatedBy())
                .param("at", Timestamps.format(app.updatedAt()))
                .update();
    }

    boolean delete(String workspaceId, String connector) {
        return jdbc.sql("DELETE FROM oauth_apps WHERE workspace_id = :ws AND connector = :connector")
                        .param("ws", workspaceId)
                        .param("connector", connector)
                        .update()
                > 0;
    }

    private static OAuthApp row(ResultSet rs, int n) throws SQLException {
        return new OAuthApp(
                rs.getString("workspace_id"),
                rs.getString("connector"),
                rs.getString("client_id"),
                rs.getString("client_secret_id"),
                rs.getInt("testing") != 0,
                rs.getString("updated_by"),
                Timestamps.parse(rs.getString("updated_at")));
    }
}
