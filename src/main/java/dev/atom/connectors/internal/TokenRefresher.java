package dev.atom.connectors.internal;

import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.ConnectionNeedsReconnect;
import dev.atom.connectors.Connector;
import dev.atom.connectors.ConnectorException;
import dev.atom.secrets.SecretStore;
import dev.atom.shared.audit.AuditEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Hands out a connection's OAuth access token, refreshing it first when it expires within {@link #EARLY}.
 * One refresh per connection is in flight in this process (the others wait on its lock and then read what it
 * saved); across instances the connection's token_version is a compare-and-set, and the loser reads the
 * winner's tokens. A rotated refresh token is saved in the same UPDATE as its access token. A refused
 * refresh token ({@code invalid_grant}) marks the connection needs_reconnect and tells the owner (an audit
 * event and {@link ConnectionNeedsReconnect}). Thread-safe.
 */
@Component
class TokenRefresher {
    static final Duration EARLY = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);

    private final ConnectionRepository connections;
    private final ConnectorRegistry registry;
    private final SecretStore secrets;
    private final TokenEndpoint endpoint;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final OAuthApps apps;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    TokenRefresher(
            ConnectionRepository connections,
            ConnectorRegistry registry,
            SecretStore secrets,
            TokenEndpoint endpoint,
            ApplicationEventPublisher events,
            Clock clock,
            OAuthApps apps) {
        this.connections = connections;
        this.registry = registry;
        this.secrets = secrets;
        this.endpoint = endpoint;
        this.events = events;
        this.clock = clock;
        this.apps = apps;
    }

    /** A valid access token for {@code c} (as read by the caller), refreshed first when it is about to expire. */
    String accessToken(Connection c) {
        if (c.accessTokenSecretId() == null) {
            throw new ConnectorException.NeedsReconnect("the connection has no access token; connect it again");
        }
        if (fresh(c)) {
            return read(c, c.accessTokenSecretId(), StoredCredentials.ACCESS_TOKEN);
        }
        ReentrantLock lock = locks.computeIfAbsent(c.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            // whoever held the lock before us may have refreshed already: read the row again
            Connection now = connections
                    .find(c.workspaceId(), c.id())
                    .orElseThrow(() -> new ConnectorException.NeedsReconnect("the connection was removed"));
            if (now.status() == ConnectionStatus.NEEDS_RECONNECT) {
                throw new ConnectorException.NeedsReconnect(
                        now.statusReason() == null ? "the connection needs reconnecting" : now.statusReason());
            }
            if (fresh(now)) {
                return read(now, now.accessTokenSecretId(), StoredCredentials.ACCESS_TOKEN);
            }
            return refresh(now);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A new access token for {@code c} after the service refused {@code rejected} before its expiry: one
     * refresh under the connection's lock, unless the stored token is no longer the refused one (another
     * caller refreshed meanwhile). Without a refresh token the connection needs reconnecting.
     */
    String refreshRejected(Connection c, String rejected) {
        ReentrantLock lock = locks.computeIfAbsent(c.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            Connection now = connections
                    .find(c.workspaceId(), c.id())
                    .orElseThrow(() -> new ConnectorException.NeedsReconnect("the connection was removed"));
            if (now.status() == ConnectionStatus.NEEDS_RECONNECT) {
                throw new ConnectorException.NeedsReconnect(
                        now.statusReason() == null ? "the connection needs reconnecting" : now.statusReason());
            }
            if (now.accessTokenSecretId() != null) {
                String current = read(now, now.accessTokenSecretId(), StoredCredentials.ACCESS_TOKEN);
                if (!current.equals(rejected)) {
                    return current;
                }
            }
            if (now.refreshTokenSecretId() == null) {
                throw needsReconnect(
                        now, "the service refused the access token and gave no refresh token; connect it again");
            }
            return refresh(now);
        } finally {
            lock.unlock();
        }
    }

    /** Drops the lock of a removed connection. */
    void forget(String connectionId) {
        locks.remove(connectionId);
    }

    private boolean fresh(Connection c) {
        return c.tokenExpiresAt() == null || clock.instant().plus(EARLY).isBefore(c.tokenExpiresAt());
    }

    private String refresh(Connection c) {
        if (c.refreshTokenSecretId() == null) {
            if (clock.instant().isBefore(c.tokenExpiresAt())) {
                return read(c, c.accessTokenSecretId(), StoredCredentials.ACCESS_TOKEN); // still valid, briefly
            }
            throw needsReconnect(c, "the access token expired and the service gave no refresh token; connect it again");
        }
        AuthSpec.OAuth2 auth = oauth(c);
        ConnectorSettings settings = apps.settings(c.workspaceId(), c.connector());
        String refreshToken = read(c, c.refreshTokenSecretId(), StoredCredentials.REFRESH_TOKEN);
        TokenEndpoint.Tokens tokens;
        try {
            tokens = endpoint.refresh(auth, settings, refreshToken);
        } catch (TokenEndpoint.Refused e) {
            Connection winner = rotatedElsewhere(c);
            if (winner != null) {
                // another instance refreshed (and rotated) meanwhile: its tokens are the good ones
                return read(winner, winner.accessTokenSecretId(), StoredCredentials.ACCESS_TOKEN);
            }
            if ("invalid_grant".equals(e.error())) {
                throw needsReconnect(
                        c,
                        "the service no longer accepts this connection's refresh token (" + e.error()
                                + "); connect it again");
            }
            throw new ConnectorException.Permanent(400, "refreshing the access token failed: " + e.error());
        }
        Instant now = clock.instant();
        String owner = c.secretOwner();
        String accessId = secrets.put(c.workspaceId(), owner, StoredCredentials.ACCESS_TOKEN, tokens.accessToken());
        String refreshId = tokens.refreshToken() == null
                ? c.refreshTokenSecretId()
                : secrets.put(c.workspaceId(), owner, StoredCredentials.REFRESH_TOKEN, tokens.refreshToken());
        Instant expires = tokens.expiresIn() == null ? null : now.plusSeconds(tokens.expiresIn());
        if (connections.updateTokens(c.workspaceId(), c.id(), c.tokenVersion(), accessId, refreshId, expires, now)) {
            secrets.delete(c.accessTokenSecretId(), c.workspaceId());
            if (!refreshId.equals(c.refreshTokenSecretId())) {
                secrets.delete(c.refreshTokenSecretId(), c.workspaceId());
            }
            if (tokens.scope() != null) {
                connections.updateScopes(c.workspaceId(), c.id(), tokens.scope());
            }
            connections.recordRefreshToken(
                    c.workspaceId(), c.id(), tokens.refreshToken() != null, now, OAuthFlow.refreshExpiry(tokens, now));
            log.info("refreshed the access token of connection {} ({})", c.id(), c.connector());
            return tokens.accessToken();
        }
        // lost the race to another instance: drop ours, use the winner's
        secrets.delete(accessId, c.workspaceId());
        if (!refreshId.equals(c.refreshTokenSecretId())) {
            secrets.delete(refreshId, c.workspaceId());
        }
        Connection winner = connections
                .find(c.workspaceId(), c.id())
                .orElseThrow(() -> new ConnectorException.NeedsReconnect("the connection was removed"));
        return read(winner, winner.accessTokenSecretId(), StoredCredentials.ACCESS_TOKEN);
    }

    /**
     * The connection as another instance saved it after refreshing, or null. A refresh token rotated by
     * another instance is refused before that instance has saved its answer, so the row is watched briefly
     * before the refusal is believed.
     */
    private Connection rotatedElsewhere(Connection c) {
        for (int i = 0; i < 10; i++) {
            Connection again = connections.find(c.workspaceId(), c.id()).orElse(c);
            if (again.tokenVersion() != c.tokenVersion()) {
                return again;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Marks the connection (once), tells the owner, and returns the exception to throw. */
    private ConnectorException.NeedsReconnect needsReconnect(Connection c, String reason) {
        Instant now = clock.instant();
        connections.updateStatus(c.workspaceId(), c.id(), ConnectionStatus.NEEDS_RECONNECT, reason, null, now);
        if (c.status() != ConnectionStatus.NEEDS_RECONNECT) {
            log.info("connection {} ({}) needs reconnecting", c.id(), c.connector());
            events.publishEvent(new AuditEvent(
                    c.workspaceId(),
                    null,
                    "connection.needs_reconnect",
                    Map.of("connection", c.id(), "connector", c.connector(), "owner", c.createdBy()),
                    null));
            events.publishEvent(
                    new ConnectionNeedsReconnect(c.workspaceId(), c.id(), c.connector(), c.createdBy(), reason, now));
        }
        return new ConnectorException.NeedsReconnect(reason);
    }

    private AuthSpec.OAuth2 oauth(Connection c) {
        return registry.connector(c.connector())
                .flatMap(Connector::oauth2)
                .orElseThrow(() -> new ConnectorException.NeedsReconnect(
                        "the connector '" + c.connector() + "' does not use OAuth any more"));
    }

    private String read(Connection c, String secretId, String purpose) {
        return secrets.get(secretId, c.workspaceId(), c.secretOwner(), purpose)
                .orElseThrow(() -> new ConnectorException.NeedsReconnect("the token is missing; connect it again"));
    }
}
