package dev.atom.connectors.internal;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Credentials;
import dev.atom.secrets.SecretStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A connection's credentials, decrypted from the secret store the first time a field is read (a call that
 * needs none decrypts nothing). One instance per call; not thread-safe.
 */
final class StoredCredentials implements Credentials {
    static final String PURPOSE = "credentials";
    static final String ACCESS_TOKEN = "oauth-access-token";
    static final String REFRESH_TOKEN = "oauth-refresh-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Connection connection;
    private final SecretStore secrets;
    private final Clock clock;
    private final TokenRefresher refresher;
    private final String kind;
    private Map<String, String> fields;

    /**
     * Credentials that refresh an expiring OAuth access token through {@code refresher} (may be null); {@code
     * kind} is the connection's auth kind (the connector's preferred one for rows that do not say).
     */
    StoredCredentials(Connection connection, SecretStore secrets, Clock clock, TokenRefresher refresher, String kind) {
        this.connection = connection;
        this.secrets = secrets;
        this.clock = clock;
        this.refresher = refresher;
        this.kind = kind;
    }

    StoredCredentials(Connection connection, SecretStore secrets, Clock clock) {
        this(connection, secrets, clock, null, connection.authKind());
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public Optional<String> get(String field) {
        if (fields == null) {
            fields = connection.credentialsSecretId() == null
                    ? Map.of()
                    : secrets.get(
                                    connection.credentialsSecretId(),
                                    connection.workspaceId(),
                                    connection.secretOwner(),
                                    PURPOSE)
                            .map(StoredCredentials::parse)
                            .orElse(Map.of());
        }
        return Optional.ofNullable(fields.get(field));
    }

    /**
     * The access token, refreshed first by the {@link TokenRefresher} when it expires within a minute (one
     * refresh in flight per connection). Without a refresher, the stored token while it is valid.
     */
    @Override
    public String accessToken() {
        if (refresher != null) {
            return refresher.accessToken(connection);
        }
        if (connection.accessTokenSecretId() == null) {
            throw new ConnectorException.NeedsReconnect("the connection has no access token; connect it again");
        }
        if (connection.tokenExpiresAt() != null && !clock.instant().isBefore(connection.tokenExpiresAt())) {
            throw new ConnectorException.NeedsReconnect("the access token expired; connect it again");
        }
        return secrets.get(
                        connection.accessTokenSecretId(),
                        connection.workspaceId(),
                        connection.secretOwner(),
                        ACCESS_TOKEN)
                .orElseThrow(
                        () -> new ConnectorException.NeedsReconnect("the access token is missing; connect it again"));
    }

    @Override
    public String refreshAccessToken(String rejected) {
        if (refresher == null) {
            return Credentials.super.refreshAccessToken(rejected);
        }
        return refresher.refreshRejected(connection, rejected);
    }

    static String serialise(Map<String, String> fields) {
        return JSON.writeValueAsString(fields);
    }

    private static Map<String, String> parse(String json) {
        return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
    }
}
