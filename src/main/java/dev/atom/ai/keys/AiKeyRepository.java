package dev.atom.ai.keys;

import dev.atom.shared.time.Timestamps;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Provider key rows (never the key itself), always within one workspace. A user key is visible only to its
 * owner; a workspace key to every member. Names are unique per owner (the user, or the workspace for shared
 * keys), case-insensitively. Thread-safe (stateless).
 */
@Repository
class AiKeyRepository {
    private static final String COLUMNS = "id, workspace_id, user_id, scope, provider, name, masked, base_url,"
            + " azure_deployment, azure_api_version, secret_id, created_at";
    static final String WORKSPACE_OWNER = "*";

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;

    AiKeyRepository(JdbcClient jdbc, TransactionOperations transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Throws DuplicateKeyException when the owner already has a key of that name. ON CONFLICT keeps this the same
     * on both databases (SQLite's driver reports unique violations as uncategorized errors).
     */
    void insert(AiKey key, String createdBy) {
        int inserted = jdbc.sql("""
                INSERT INTO ai_keys (id, workspace_id, user_id, scope, owner_key, provider, name, name_key, masked,
                    base_url, azure_deployment, azure_api_version, secret_id, created_by, created_at)
                VALUES (:id, :ws, :userId, :scope, :ownerKey, :provider, :name, :nameKey, :masked,
                    :baseUrl, :deployment, :apiVersion, :secretId, :createdBy, :createdAt)
                ON CONFLICT (workspace_id, owner_key, name_key) DO NOTHING
                """)
                .param("id", key.id())
                .param("ws", key.workspaceId())
                .param("userId", key.userId())
                .param("scope", key.scope().name().toLowerCase(Locale.ROOT))
                .param("ownerKey", ownerKey(key.scope(), key.userId()))
                .param("provider", key.provider())
                .param("name", key.name())
                .param("nameKey", nameKey(key.name()))
                .param("masked", key.masked())
                .param("baseUrl", key.baseUrl() == null ? null : key.baseUrl().toString())
                .param("deployment", key.azureDeployment())
                .param("apiVersion", key.azureApiVersion())
                .param("secretId", key.secretId())
                .param("createdBy", createdBy)
                .param("createdAt", Timestamps.format(key.createdAt()))
                .update();
        if (inserted == 0) {
            throw new DuplicateKeyException("this owner has a key of that name already");
        }
    }

    boolean nameTaken(String workspaceId, AiKey.Scope scope, String userId, String name) {
        return jdbc.sql("SELECT COUNT(*) FROM ai_keys WHERE workspace_id = :ws AND owner_key = :owner"
                                + " AND name_key = :nameKey")
                        .param("ws", workspaceId)
                        .param("owner", ownerKey(scope, userId))
                        .param("nameKey", nameKey(name))
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Any key of the workspace, whoever owns it; callers check visibility. */
    Optional<AiKey> find(String workspaceId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ai_keys WHERE id = :id AND workspace_id = :ws")
                .param("id", id)
                .param("ws", workspaceId)
                .query(AiKeyRepository::row)
                .optional();
    }

    /** The user's own keys and the workspace's shared keys, oldest first. */
    List<AiKey> usableBy(String workspaceId, String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ai_keys WHERE workspace_id = :ws"
                        + " AND (scope = 'workspace' OR user_id = :userId) ORDER BY created_at, id")
                .param("ws", workspaceId)
                .param("userId", userId)
                .query(AiKeyRepository::row)
                .list();
    }

    /** Every personal (user-scoped) key of the workspace, whoever owns it; callers check visibility. */
    List<AiKey> personal(String workspaceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ai_keys WHERE workspace_id = :ws AND scope = 'user'"
                        + " ORDER BY created_at, id")
                .param("ws", workspaceId)
                .query(AiKeyRepository::row)
                .list();
    }

    /** Deletes the key and the models discovered through it; false when it was not there. */
    boolean delete(String workspaceId, String id) {
        Boolean deleted = transactions.execute(tx -> {
            jdbc.sql("DELETE FROM ai_key_models WHERE key_id = :id AND workspace_id = :ws")
                    .param("id", id)
                    .param("ws", workspaceId)
                    .update();
            return jdbc.sql("DELETE FROM ai_keys WHERE id = :id AND workspace_id = :ws")
                            .param("id", id)
                            .param("ws", workspaceId)
                            .update()
                    > 0;
        });
        return Boolean.TRUE.equals(deleted);
    }

    static String ownerKey(AiKey.Scope scope, String userId) {
        return scope == AiKey.Scope.WORKSPACE ? WORKSPACE_OWNER : userId;
    }

    static String nameKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static AiKey row(ResultSet rs, int n) throws SQLException {
        String baseUrl = rs.getString("base_url");
        return new AiKey(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("user_id"),
                AiKey.Scope.valueOf(rs.getString("scope").toUpperCase(Locale.ROOT)),
                rs.getString("provider"),
                rs.getString("name"),
                rs.getString("masked"),
                baseUrl == null ? null : URI.create(baseUrl),
                rs.getString("azure_deployment"),
                rs.getString("azure_api_version"),
                rs.getString("secret_id"),
                Timestamps.parse(rs.getString("created_at")));
    }
}
