package dev.atom.connectors.internal;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.ConnectionRef;
import dev.atom.connectors.Connector;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.Health;
import dev.atom.identity.CurrentUser;
import dev.atom.identity.Role;
import dev.atom.secrets.SecretStore;
import dev.atom.shared.Ids;
import dev.atom.shared.audit.AuditEvent;
import dev.atom.shared.net.GuardedHttpClient;
import dev.atom.shared.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connections of a workspace and everything done with them: create (credentials only into the secret store),
 * health checks, removal (revoke at the provider, delete the secrets) and running actions. Also the {@link
 * Connectors} face other modules use. Thread-safe (stateless).
 */
@Service
class ConnectionService implements Connectors {
    private static final Logger log = LoggerFactory.getLogger(ConnectionService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConnectorRegistry registry;
    private final ConnectionRepository repository;
    private final SecretStore secrets;
    private final GuardedHttpClient http;
    private final RateLimiters limiters;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TokenRefresher refresher;
    private final TokenEndpoint tokenEndpoint;

    ConnectionService(
            ConnectorRegistry registry,
            ConnectionRepository repository,
            SecretStore secrets,
            GuardedHttpClient http,
            RateLimiters limiters,
            ApplicationEventPublisher events,
            Clock clock,
            TokenRefresher refresher,
            TokenEndpoint tokenEndpoint) {
        this.registry = registry;
        this.repository = repository;
        this.secrets = secrets;
        this.http = http;
        this.limiters = limiters;
        this.events = events;
        this.clock = clock;
        this.refresher = refresher;
        this.tokenEndpoint = tokenEndpoint;
    }

    /** Stores a new connection for a validated request, then checks it; the answer carries the verdict. */
    Connection create(
            CurrentUser user, Connector connector, AuthSpec auth, String name, Map<String, String> credentials) {
        Instant now = clock.instant();
        String id = Ids.newId();
        String owner = "connection:" + id;
        String secretId = auth.fields().isEmpty()
                ? null
                : secrets.put(
                        user.workspaceId(), owner, StoredCredentials.PURPOSE, StoredCredentials.serialise(credentials));
        Connection connection = new Connection(
                id,
                user.workspaceId(),
                connector.id(),
                name,
                ConnectionStatus.CONNECTED,
                null,
                null,
                secretId,
                null,
                null,
                null,
                0,
                user.userId(),
                now,
                now,
                null,
                auth.kind());
        repository.insert(connection);
        events.publishEvent(new AuditEvent(
                user.workspaceId(),
                user.userId(),
                "connection.created",
                Map.of("connection", id, "connector", connector.id(), "auth", auth.kind()),
                null));
        return check(connection);
    }

    List<Connection> list(CurrentUser user) {
        return repository.list(user.workspaceId());
    }

    Connection get(CurrentUser user, String id) {
        return repository.find(user.workspaceId(), id).orElseThrow(() -> ApiException.notFound("Connection"));
    }

    /** Runs the connector's real health check and records the verdict. */
    Connection test(CurrentUser user, String id) {
        return check(get(user, id));
    }

    /** Revokes at the provider where the connector can, deletes the secrets and the connection. */
    void delete(CurrentUser user, String id) {
        Connection c = get(user, id);
        if (!c.createdBy().equals(user.userId()) && !user.role().atLeast(Role.ADMIN)) {
            throw ApiException.forbidden("Only whoever made this connection, or an admin, can remove it");
        }
        registry.connector(c.connector()).ifPresent(connector -> {
            revokeTokens(c, connector);
            try {
                connector.revoke(context(c, connector, null));
            } catch (ConnectorException e) {
                log.info(
                        "revoking connection {} at {} failed: {}",
                        c.id(),
                        c.connector(),
                        e.getClass().getSimpleName());
            }
        });
        for (String secretId :
                new String[] {c.credentialsSecretId(), c.accessTokenSecretId(), c.refreshTokenSecretId()}) {
            if (secretId != null) {
                secrets.delete(secretId, c.workspaceId());
            }
        }
        repository.delete(c.workspaceId(), c.id());
        limiters.forget(c.id());
        refresher.forget(c.id());
        events.publishEvent(new AuditEvent(
                user.workspaceId(),
                user.userId(),
                "connection.deleted",
                Map.of("connection", id, "connector", c.connector()),
                null));
    }

    /**
     * RFC 7009: revokes the refresh token (which ends its access tokens too), else the access token, when the
     * connector declares a revocation endpoint. A failure is logged (without the token) and removal goes on.
     */
    private void revokeTokens(Connection c, Connector connector) {
        ConnectorSettings settings = registry.settings(connector.id());
        AuthSpec.OAuth2 auth = connector.oauth2().orElse(null);
        if (auth == null || !"oauth2".equals(authKind(c, connector)) || settings.revokeUrl() == null) {
            return;
        }
        boolean refresh = c.refreshTokenSecretId() != null;
        String secretId = refresh ? c.refreshTokenSecretId() : c.accessTokenSecretId();
        if (secretId == null) {
            return;
        }
        String purpose = refresh ? StoredCredentials.REFRESH_TOKEN : StoredCredentials.ACCESS_TOKEN;
        secrets.get(secretId, c.workspaceId(), c.secretOwner(), purpose).ifPresent(token -> {
            try {
                tokenEndpoint.revoke(auth, settings, token, refresh ? "refresh_token" : "access_token");
            } catch (RuntimeException e) {
                log.info(
                        "revoking the tokens of connection {} at {} failed: {}",
                        c.id(),
                        c.connector(),
                        e.getClass().getSimpleName());
            }
        });
    }

    private Connection check(Connection c) {
        Connector connector = registry.connector(c.connector()).orElse(null);
        ConnectionStatus status;
        String reason = null;
        String account = null;
        if (connector == null) {
            status = ConnectionStatus.ERROR;
            reason = "the connector '" + c.connector() + "' is not installed";
        } else {
            try {
                Health health = connector.check(context(c, connector, null));
                status = ConnectionStatus.CONNECTED;
                account = health.account();
                reason = health.note();
            } catch (ConnectorException.NeedsReconnect e) {
                status = ConnectionStatus.NEEDS_RECONNECT;
                reason = e.getMessage();
            } catch (ConnectorException e) {
                status = ConnectionStatus.ERROR;
                reason = e.getMessage();
            }
        }
        repository.updateStatus(c.workspaceId(), c.id(), status, reason, account, clock.instant());
        return repository.find(c.workspaceId(), c.id()).orElseThrow();
    }

    @Override
    public List<Connector> all() {
        return registry.all();
    }

    @Override
    public Optional<Connector> connector(String id) {
        return registry.connector(id);
    }

    @Override
    public Optional<ActionInfo> action(String actionId) {
        return registry.action(actionId);
    }

    @Override
    public Optional<ConnectionInfo> connection(String workspaceId, String connectionId) {
        return repository
                .find(workspaceId, connectionId)
                .map(c -> new ConnectionInfo(
                        c.id(),
                        c.workspaceId(),
                        c.connector(),
                        c.name(),
                        c.status().wire(),
                        c.statusReason()));
    }

    @Override
    public List<ConnectionInfo> connections(String workspaceId) {
        return repository.list(workspaceId).stream()
                .map(c -> new ConnectionInfo(
                        c.id(),
                        c.workspaceId(),
                        c.connector(),
                        c.name(),
                        c.status().wire(),
                        c.statusReason()))
                .toList();
    }

    @Override
    public JsonNode run(
            String workspaceId, String connectionId, String actionId, JsonNode input, String idempotencyKey) {
        Connection c =
                repository.find(workspaceId, connectionId).orElseThrow(() -> new NoSuchElementException("connection"));
        ActionInfo info = registry.action(actionId)
                .filter(a -> a.connector().id().equals(c.connector()))
                .orElseThrow(() -> new NoSuchElementException("action"));
        if (c.status() == ConnectionStatus.NEEDS_RECONNECT) {
            throw new ConnectorException.NeedsReconnect(
                    c.statusReason() == null ? "the connection needs reconnecting" : c.statusReason());
        }
        try {
            return execute(info, input, context(c, info.connector(), idempotencyKey));
        } catch (ConnectorException.NeedsReconnect e) {
            repository.updateStatus(
                    workspaceId, c.id(), ConnectionStatus.NEEDS_RECONNECT, e.getMessage(), null, clock.instant());
            throw e;
        }
    }

    @Override
    public JsonNode runWithoutConnection(
            String workspaceId, String actingUserId, String actionId, JsonNode input, String idempotencyKey) {
        ActionInfo info = registry.action(actionId)
                .filter(a -> !(a.connector().auth() instanceof AuthSpec.OAuth2)
                        && a.connector().auth().fields().isEmpty())
                .orElseThrow(() -> new NoSuchElementException("action"));
        String limiterKey = "workspace:" + workspaceId + ":" + info.connector().id();
        var context = new Context(
                new ConnectionRef(
                        null,
                        workspaceId,
                        info.connector().id(),
                        info.connector().name()),
                new NoCredentials(),
                new DefaultServiceHttp(http, limiters.forConnection(limiterKey), clock),
                registry.settings(info.connector().id()).baseUrl(),
                Optional.ofNullable(idempotencyKey),
                clock,
                Optional.ofNullable(actingUserId));
        return execute(info, input, context);
    }

    @Override
    public List<ConnectorException.FieldProblem> checkInput(
            String actionId, JsonNode input, Predicate<JsonNode> dynamic) {
        ActionInfo info = registry.action(actionId).orElseThrow(() -> new NoSuchElementException("action"));
        return InputValidator.validate(
                input == null || input.isNull() ? JSON.createObjectNode() : input, info.inputSchema(), dynamic);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private JsonNode execute(ActionInfo info, JsonNode input, ActionContext context) {
        JsonNode value = input == null || input.isNull() ? JSON.createObjectNode() : input;
        var problems = InputValidator.validate(value, info.inputSchema());
        if (!problems.isEmpty()) {
            throw new ConnectorException.InvalidInput(problems);
        }
        Action action = info.action();
        Record typed = (Record) JSON.treeToValue(value, action.inputType());
        return JSON.valueToTree(action.execute(context, typed));
    }

    @Override
    public ActionContext context(String workspaceId, String connectionId) {
        Connection c =
                repository.find(workspaceId, connectionId).orElseThrow(() -> new NoSuchElementException("connection"));
        Connector connector =
                registry.connector(c.connector()).orElseThrow(() -> new NoSuchElementException("connector"));
        return context(c, connector, null);
    }

    private ActionContext context(Connection c, Connector connector, String idempotencyKey) {
        return new Context(
                new ConnectionRef(c.id(), c.workspaceId(), c.connector(), c.name()),
                new StoredCredentials(c, secrets, clock, refresher, authKind(c, connector)),
                new DefaultServiceHttp(http, limiters.forConnection(c.id()), clock),
                registry.settings(connector.id()).baseUrl(),
                Optional.ofNullable(idempotencyKey),
                clock,
                Optional.empty());
    }

    /** The auth kinds a user can connect with a form (OAuth goes through the provider's consent page). */
    static boolean connectsWithForm(AuthSpec auth) {
        return !(auth instanceof AuthSpec.OAuth2);
    }

    /** The connector's first way to connect with a form, if it has one. */
    static Optional<AuthSpec> formAuth(Connector connector) {
        return connector.auths().stream()
                .filter(ConnectionService::connectsWithForm)
                .findFirst();
    }

    /** How the connection was made; rows from before several ways existed used the connector's preferred one. */
    static String authKind(Connection c, Connector connector) {
        return c.authKind() != null ? c.authKind() : connector.auth().kind();
    }
}
