package dev.atom.connectors.internal;

import dev.atom.secrets.SecretStore;
import dev.atom.shared.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.ApplicationContext;

/**
 * Makes OAuth connections for connector tests without the authorization flow: the access token goes
 * straight into the secret store and the connection row, as the OAuth callback would leave them.
 */
public final class TestOAuthConnections {
    private final ConnectionRepository repository;
    private final SecretStore secrets;
    private final Clock clock;

    public TestOAuthConnections(ApplicationContext context) {
        this.repository = context.getBean(ConnectionRepository.class);
        this.secrets = context.getBean(SecretStore.class);
        this.clock = context.getBean(Clock.class);
    }

    /** A connected connection of {@code connector} in the workspace whose access token is {@code accessToken}. */
    public String create(String workspaceId, String userId, String connector, String accessToken) {
        String id = Ids.newId();
        Instant now = clock.instant();
        String owner = "connection:" + id;
        String access = secrets.put(workspaceId, owner, StoredCredentials.ACCESS_TOKEN, accessToken);
        String refresh = secrets.put(workspaceId, owner, StoredCredentials.REFRESH_TOKEN, "refresh-" + accessToken);
        repository.insert(new Connection(
                id,
                workspaceId,
                connector,
                connector + " test",
                ConnectionStatus.CONNECTED,
                null,
                null,
                null,
                access,
                refresh,
                now.plus(Duration.ofHours(1)),
                0,
                userId,
                now,
                now,
                null));
        return id;
    }
}
