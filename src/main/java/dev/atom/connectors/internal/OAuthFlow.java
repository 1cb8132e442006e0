package dev.atom.connectors.internal;

import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.ConnectionLifecycle;
import dev.atom.connectors.Connector;
import dev.atom.connectors.ConnectorException;
import dev.atom.identity.CurrentUser;
import dev.atom.secrets.SecretStore;
import dev.atom.shared.Ids;
import dev.atom.shared.audit.AuditEvent;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.PublicUrl;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The OAuth 2.0 authorization code flow as RFC 9700 asks: PKCE S256 with a fresh verifier per attempt, a
 * one-time state bound to the user who started it (stored hashed, expiring after {@link #STATE_LIFETIME}),
 * one exact redirect URI ({@code <ATOM_PUBLIC_URL>/connections/oauth/callback}). The callback exchanges the
 * code and keeps the tokens only in the secret store. Thread-safe (stateless).
 */
@Service
class OAuthFlow {
    static final String CALLBACK_PATH = "/connections/oauth/callback";
    static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(OAuthFlow.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    /** Why a callback failed, as a short code the Connections page turns into a fixed sentence. */
    static final class Failed extends RuntimeException {
        private final String code;
        private final String connector;

        Failed(String code, String connector, String detail) {
            super(detail, null, false, false);
            this.code = code;
            this.connector = connector;
        }

        String code() {
            return code;
        }

        String connector() {
            return connector;
        }
    }

    private final ConnectorRegistry registry;
    private final OAuthStateRepository states;
    private final ConnectionRepository connections;
    private final ConnectionService service;
    private final TokenEndpoint endpoint;
    private final SecretStore secrets;
    private final ApplicationEventPublisher events;
    private final Environment env;
    private final Clock clock;
    private final OAuthApps apps;

    OAuthFlow(
            ConnectorRegistry registry,
            OAuthStateRepository states,
            ConnectionRepository connections,
            ConnectionService service,
            TokenEndpoint endpoint,
            SecretStore secrets,
            ApplicationEventPublisher events,
            Environment env,
            Clock clock,
            OAuthApps apps) {
        this.registry = registry;
        this.states = states;
        this.connections = connections;
        this.service = service;
        this.endpoint = endpoint;
        this.secrets = secrets;
        this.events = events;
        this.env = env;
        this.clock = clock;
        this.apps = apps;
    }

    /**
     * Starts an attempt for {@code user} and returns the provider's authorize URL to send the browser to.
     * {@code connectionId} (may be null) reconnects an existing connection instead of making a new one.
     */
    String start(CurrentUser user, String connectorId, String connectionId, String name) {
        Connector connector = registry.connector(connectorId).orElseThrow(() -> ApiException.notFound("Connector"));
        if (connectionId != null) { // another workspace's (or member's private) connection is 404 first
            Connection existing = connections
                    .find(user.workspaceId(), connectionId)
                    .filter(c -> c.connector().equals(connectorId))
                    .filter(c -> c.usableBy(user.userId()))
                    .orElseThrow(() -> ApiException.notFound("Connection"));
            if (!existing.createdBy().equals(user.userId())) {
                // reconnecting puts the caller's account behind someone else's connection
                throw ApiException.forbidden("Only whoever made this connection can reconnect it");
            }
            name = existing.name();
        }
        AuthSpec.OAuth2 auth = connector.oauth2().orElse(null);
        if (auth == null) {
            throw ApiException.invalid("connector", "'" + connectorId + "' does not connect with OAuth");
        }
        ConnectorSettings settings = configured(user.workspaceId(), connector);
        String title = name == null || name.isBlank() ? connector.name() : name.strip();
        if (title.length() > 100) {
            throw ApiException.invalid("name", "must be at most 100 characters");
        }
        Instant now = clock.instant();
        states.purgeExpired(now);
        String state = random();
        String verifier = auth.pkce() ? random() : "";
        states.insert(new OAuthStateRepository.Attempt(
                sha256Hex(state),
                user.workspaceId(),
                user.userId(),
                connectorId,
                connectionId,
                title,
                verifier,
                now,
                now.plus(STATE_LIFETIME)));
        StringBuilder url = new StringBuilder(settings.authorizeUrl());
        url.append(settings.authorizeUrl().contains("?") ? '&' : '?');
        url.append("response_type=code");
        url.append("&client_id=").append(TokenEndpoint.encode(settings.clientId()));
        url.append("&redirect_uri=").append(TokenEndpoint.encode(redirectUri()));
        if (!auth.scopes().isEmpty()) {
            url.append("&scope=").append(TokenEndpoint.encode(String.join(" ", auth.scopes())));
        }
        auth.authorizeParameters()
                .forEach((k, v) -> url.append('&')
                        .append(TokenEndpoint.encode(k))
                        .append('=')
                        .append(TokenEndpoint.encode(v)));
        url.append("&state=").append(state);
        if (auth.pkce()) {
            url.append("&code_challenge=").append(challenge(verifier)).append("&code_challenge_method=S256");
        }
        return url.toString();
    }

    /**
     * Completes an attempt: checks the state (known, unused, unexpired, this user's), exchanges the code with
     * the verifier, stores the tokens and makes (or reconnects) the connection, then checks it.
     */
    Connection callback(CurrentUser user, String state, String code, String error, String errorDescription) {
        OAuthStateRepository.Attempt attempt = state == null || state.isBlank()
                ? null
                : states.consume(sha256Hex(state)).orElse(null);
        String connectorId = attempt == null ? null : attempt.connector();
        if (error != null && !error.isBlank()) {
            throw new Failed("access_denied".equals(error) ? "denied" : "provider_error", connectorId, error);
        }
        if (attempt == null) {
            throw new Failed("unknown_state", null, "unknown or already used state");
        }
        if (!attempt.userId().equals(user.userId()) || !attempt.workspaceId().equals(user.workspaceId())) {
            log.warn("an OAuth callback for {} came back to another user than started it", connectorId);
            throw new Failed("wrong_user", connectorId, "state of another user");
        }
        if (!clock.instant().isBefore(attempt.expiresAt())) {
            throw new Failed("expired", connectorId, "state expired");
        }
        if (code == null || code.isBlank()) {
            throw new Failed("provider_error", connectorId, "no code");
        }
        Connector connector =
                registry.connector(connectorId).orElseThrow(() -> new Failed("failed", connectorId, "no connector"));
        AuthSpec.OAuth2 auth = connector
                .oauth2()
                .orElseThrow(() -> new Failed("failed", connectorId, "the connector does not use OAuth"));
        ConnectorSettings settings = apps.settings(attempt.workspaceId(), connectorId);
        TokenEndpoint.Tokens tokens;
        try {
            tokens = endpoint.exchangeCode(
                    auth, settings, code, redirectUri(), auth.pkce() ? attempt.codeVerifier() : null);
        } catch (TokenEndpoint.Refused | ConnectorException e) {
            log.info("exchanging an authorization code at {} failed: {}", connectorId, e.getMessage());
            throw new Failed("exchange_failed", connectorId, e.getMessage());
        }
        Connection saved = attempt.connectionId() == null
                ? create(user, connector, attempt.name(), tokens)
                : reconnect(user, attempt.connectionId(), tokens);
        return service.test(user, saved.id());
    }

    private Connection create(CurrentUser user, Connector connector, String name, TokenEndpoint.Tokens tokens) {
        Instant now = clock.instant();
        String id = Ids.newId();
        String owner = "connection:" + id;
        String access = secrets.put(user.workspaceId(), owner, StoredCredentials.ACCESS_TOKEN, tokens.accessToken());
        String refresh = tokens.refreshToken() == null
                ? null
                : secrets.put(user.workspaceId(), owner, StoredCredentials.REFRESH_TOKEN, tokens.refreshToken());
        Connection c = new Connection(
                id,
                user.workspaceId(),
                connector.id(),
                name,
                ConnectionStatus.CONNECTED,
                null,
                null,
                null,
                access,
                refresh,
                expiry(tokens, now),
                0,
                user.userId(),
                now,
                now,
                null,
                "oauth2",
                connector.readsPersonalData() ? Connection.PRIVATE : Connection.SHARED);
        connections.insert(c);
        connections.updateScopes(c.workspaceId(), id, scopes(tokens, connector));
        connections.recordRefreshToken(c.workspaceId(), id, true, now, refreshExpiry(tokens, now));
        events.publishEvent(
                new ConnectionLifecycle.Created(user.workspaceId(), id, connector.id(), user.userId(), now));
        events.publishEvent(new AuditEvent(
                user.workspaceId(),
                user.userId(),
                "connection.created",
                Map.of("connection", id, "connector", connector.id(), "auth", "oauth2"),
                null));
        return c;
    }

    private Connection reconnect(CurrentUser user, String connectionId, TokenEndpoint.Tokens tokens) {
        Connection old = connections
                .find(user.workspaceId(), connectionId)
                .filter(c -> c.createdBy().equals(user.userId()))
                .orElseThrow(() -> new Failed("failed", null, "the connection was removed meanwhile"));
        Instant now = clock.instant();
        String access =
                secrets.put(old.workspaceId(), old.secretOwner(), StoredCredentials.ACCESS_TOKEN, tokens.accessToken());
        String refresh = tokens.refreshToken() == null
                ? null
                : secrets.put(
                        old.workspaceId(), old.secretOwner(), StoredCredentials.REFRESH_TOKEN, tokens.refreshToken());
        connections.reconnect(old.workspaceId(), old.id(), access, refresh, expiry(tokens, now), now);
        connections.recordRefreshToken(old.workspaceId(), old.id(), true, now, refreshExpiry(tokens, now));
        for (String secretId : new String[] {old.accessTokenSecretId(), old.refreshTokenSecretId()}) {
            if (secretId != null) {
                secrets.delete(secretId, old.workspaceId());
            }
        }
        registry.connector(old.connector())
                .ifPresent(k -> connections.updateScopes(old.workspaceId(), old.id(), scopes(tokens, k)));
        events.publishEvent(new ConnectionLifecycle.Reconnected(old.workspaceId(), old.id(), old.connector(), now));
        events.publishEvent(new AuditEvent(
                user.workspaceId(),
                user.userId(),
                "connection.reconnected",
                Map.of("connection", old.id(), "connector", old.connector()),
                null));
        return old;
    }

    /** The redirect URI registered with every provider: {@code <ATOM_PUBLIC_URL>/connections/oauth/callback}. */
    String redirectUri() {
        return new PublicUrl(env).of(CALLBACK_PATH);
    }

    /** The settings with the workspace's client; 503 saying who can set it up when there is none. */
    private ConnectorSettings configured(String workspaceId, Connector connector) {
        ConnectorSettings settings = apps.settings(workspaceId, connector.id());
        String prefix = ConnectorSettings.prefix(connector.id());
        if (settings.clientId() == null || settings.clientSecret() == null) {
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE, "oauth-not-configured", notConfigured(connector.name(), prefix));
        }
        if (settings.authorizeUrl() == null || settings.tokenUrl() == null) {
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "oauth-not-configured",
                    "Connecting " + connector.name() + " is not set up: set " + prefix + "AUTHORIZE_URL and " + prefix
                            + "TOKEN_URL");
        }
        return settings;
    }

    /** What a person reads when a service has no OAuth app yet: who can fix it, and how. */
    static String notConfigured(String name, String prefix) {
        return "Connecting " + name + " is not set up yet: a workspace admin can register an OAuth app under"
                + " Connections -> Set up " + name + " (or the operator sets " + prefix + "CLIENT_ID and " + prefix
                + "CLIENT_SECRET)";
    }

    private static Instant expiry(TokenEndpoint.Tokens tokens, Instant now) {
        return tokens.expiresIn() == null ? null : now.plusSeconds(tokens.expiresIn());
    }

    static Instant refreshExpiry(TokenEndpoint.Tokens tokens, Instant now) {
        return tokens.refreshExpiresIn() == null ? null : now.plusSeconds(tokens.refreshExpiresIn());
    }

    private static String scopes(TokenEndpoint.Tokens tokens, Connector connector) {
        // RFC 6749 5.1: an answer without scope means the requested scopes were granted
        return tokens.scope() != null
                ? tokens.scope()
                : String.join(
                        " ", connector.oauth2().map(AuthSpec.OAuth2::scopes).orElse(List.of()));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return B64URL.encodeToString(bytes);
    }

    static String challenge(String verifier) {
        return B64URL.encodeToString(sha256(verifier));
    }

    static String sha256Hex(String s) {
        return HexFormat.of().formatHex(sha256(s));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
