package dev.atom.connectors.internal;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.ConnectionLifecycle;
import dev.atom.connectors.ConnectionNeedsReconnect;
import dev.atom.connectors.ConnectionNotUsable;
import dev.atom.connectors.ConnectionRef;
import dev.atom.connectors.Connector;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.Health;
import dev.atom.connectors.UnknownReference;
import dev.atom.identity.CurrentUser;
import dev.atom.identity.Members;
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
 *
 * <p>Who may do what (docs/connections.md): a member uses a connection that is shared or theirs; another
 * member's private connection is absent for them (404, missing from lists). Admins see that it exists (name,
 * connector, owner) and may remove it, never use it. Only the owner changes a private connection; on a shared
 * one an admin may rename it or make it private to its owner, never the reverse.
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
    private final Members members;
    private final ConnectionCallRepository calls;
    private final OAuthApps apps;
    private final HealthForecasts forecasts;
    private final ConnectionUsers users;

    ConnectionService(
            ConnectorRegistry registry,
            ConnectionRepository repository,
            SecretStore secrets,
            GuardedHttpClient http,
            RateLimiters limiters,
            ApplicationEventPublisher events,
            Clock clock,
            TokenRefresher refresher,
            TokenEndpoint tokenEndpoint,
            Members members,
            ConnectionCallRepository calls,
            OAuthApps apps,
            HealthForecasts forecasts,
            ConnectionUsers users) {
        this.registry = registry;
        this.repository = repository;
        this.secrets = secrets;
        this.http = http;
        this.limiters = limiters;
        this.events = events;
        this.clock = clock;
        this.refresher = refresher;
        this.tokenEndpoint = tokenEndpoint;
        this.members = members;
        this.calls = calls;
        this.apps = apps;
        this.forecasts = forecasts;
        this.users = users;
    }

    /**
     * Stores a new connection for a validated request, then checks it; the answer carries the verdict. A null
     * {@code visibility} takes the connector's default: private when it reads personal data.
     */
    Connection create(
            CurrentUser user,
            Connector connector,
            AuthSpec auth,
            String name,
            Map<String, String> credentials,
            String visibility) {
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
                auth.kind(),
                visibility != null ? visibility : defaultVisibility(connector));
        repository.insert(connection);
        events.publishEvent(
                new ConnectionLifecycle.Created(user.workspaceId(), id, connector.id(), user.userId(), now));
        events.publishEvent(new AuditEvent(
                user.workspaceId(),
                user.userId(),
                "connection.created",
                Map.of(
                        "connection",
                        id,
                        "connector",
                        connector.id(),
                        "auth",
                        auth.kind(),
                        "visibility",
                        connection.visibility()),
                null));
        return check(connection);
    }

    static String defaultVisibility(Connector connector) {
        return connector.readsPersonalData() ? Connection.PRIVATE : Connection.SHARED;
    }

    /** The connections the user may use, and for admins also the others' private ones (to remove them). */
    List<Connection> list(CurrentUser user) {
        boolean admin = user.role().atLeast(Role.ADMIN);
        return repository.list(user.workspaceId()).stream()
                .filter(c -> admin || c.usableBy(user.userId()))
                .toList();
    }

    /** A connection the user may use; anything else (another member's private one) is 404. */
    Connection get(CurrentUser user, String id) {
        return repository
                .find(user.workspaceId(), id)
                .filter(c -> c.usableBy(user.userId()))
                .orElseThrow(() -> ApiException.notFound("Connection"));
    }

    /** A connection the user may use, or (admins) know of to remove; 404 otherwise. */
    Connection visible(CurrentUser user, String id) {
        boolean admin = user.role().atLeast(Role.ADMIN);
        return repository
                .find(user.workspaceId(), id)
                .filter(c -> admin || c.usableBy(user.userId()))
                .orElseThrow(() -> ApiException.notFound("Connection"));
    }

    /**
     * Renames the connection and/or sets its visibility (null: unchanged). The owner may do anything; an admin,
     * on a shared connection only, may rename it or make it private to its owner (so an admin can never expose
     * someone's private data); other members may change nothing.
     */
    Connection update(CurrentUser user, String id, String name, String visibility) {
        Connection c = visible(user, id);
        boolean owner = c.createdBy().equals(user.userId());
        if (!owner) {
            if (!user.role().atLeast(Role.ADMIN)) {
                throw ApiException.forbidden("Only whoever made this connection, or an admin, can change it");
            }
            if (c.isPrivate()) {
                throw ApiException.forbidden("Only its owner can change a private connection");
            }
        }
        String newName = name == null ? c.name() : name;
        String newVisibility = visibility == null ? c.visibility() : visibility;
        repository.update(c.workspaceId(), c.id(), newName, newVisibility, clock.instant());
        if (!newVisibility.equals(c.visibility())) {
            events.publishEvent(new AuditEvent(
                    user.workspaceId(),
                    user.userId(),
                    "connection.visibility_changed",
                    Map.of("connection", c.id(), "from", c.visibility(), "to", newVisibility),
                    null));
        }
        return repository.find(c.workspaceId(), c.id()).orElseThrow();
    }

    @Override
    public JsonNode runRecorded(
            Caller caller, String connectionId, String actionId, JsonNode input, String idempotencyKey) {
        Connection c = repository.find(caller.workspaceId(), connectionId).orElseThrow(UnknownReference::connection);
        if (!isMember(caller) || !c.usableBy(caller.userId())) {
            record(caller, c, actionId, "refused", "not_permitted");
            throw new ConnectionNotUsable(
                    isMember(caller) ? "it is private to another member" : "the caller is not a member");
        }
        try {
            JsonNode out = run(caller.workspaceId(), connectionId, actionId, input, idempotencyKey);
            record(caller, c, actionId, "succeeded", null);
            return out;
        } catch (ConnectorException e) {
            record(caller, c, actionId, "failed", ConnectionCalls.code(e));
            throw e;
        } catch (UnknownReference e) {
            record(caller, c, actionId, "failed", "unknown_action");
            throw e;
        }
    }

    /** The connection's recorded calls, for its owner alone (others: 404 for private, 403 for shared). */
    List<ConnectionCall> calls(CurrentUser user, String id, String before, int limit) {
        Connection c = get(user, id);
        if (!c.createdBy().equals(user.userId())) {
            throw ApiException.forbidden("Only whoever made this connection sees its calls");
        }
        return calls.page(c.workspaceId(), c.id(), before, limit);
    }

    private void record(Caller user, Connection c, String actionId, String outcome, String detail) {
        // the action id comes from the URL: keep only what looks like one, never arbitrary text
        String action = actionId != null && actionId.matches("[a-z0-9._-]{1,100}") ? actionId : "(invalid)";
        calls.insert(new ConnectionCall(
                Ids.newId(), c.workspaceId(), c.id(), user.userId(), action, outcome, detail, clock.instant()));
        Map<String, String> details = new java.util.LinkedHashMap<>();
        details.put("connection", c.id());
        details.put("connector", c.connector());
        details.put("action", action);
        details.put("outcome", outcome);
        if (detail != null) {
            details.put("detail", detail);
        }
        events.publishEvent(
                new AuditEvent(user.workspaceId(), user.userId(), "connection.action_called", details, null));
    }

    /** Runs the connector's real health check and records the verdict. */
    Connection test(CurrentUser user, String id) {
        return check(get(user, id));
    }

    /** Revokes at the provider where the connector can, deletes the secrets and the connection. */
    void delete(CurrentUser user, String id) {
        Connection c = visible(user, id);
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
        calls.deleteForConnection(c.workspaceId(), c.id());
        limiters.forget(c.id());
        refresher.forget(c.id());
        events.publishEvent(new ConnectionLifecycle.Removed(c.workspaceId(), c.id(), c.connector(), clock.instant()));
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
        ConnectorSettings settings = apps.settings(c.workspaceId(), connector.id());
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

    /** The scheduled check of a connection (no user asked): the same real health call, the verdict recorded. */
    Connection checkScheduled(Connection c) {
        return check(c, true);
    }

    private Connection check(Connection c) {
        return check(c, false);
    }

    /**
     * Runs the health call and records the verdict. With {@code announce}, refused credentials are also told
     * (once, as {@link #markNeedsReconnect} does): found before any workflow failed on them, the owner and the
     * workflows' alerts hear it now.
     */
    private Connection check(Connection c, boolean announce) {
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
                if (announce) {
                    markNeedsReconnect(c.workspaceId(), c.id(), reason);
                }
            } catch (ConnectorException e) {
                status = ConnectionStatus.ERROR;
                reason = e.getMessage();
            }
        }
        repository.updateStatus(c.workspaceId(), c.id(), status, reason, account, clock.instant());
        return repository.find(c.workspaceId(), c.id()).orElseThrow();
    }

    @Override
    public List<ExpiringConnection> expiringSoon(String workspaceId, String ownerId) {
        List<Connection> mine = repository.list(workspaceId).stream()
                .filter(c -> c.createdBy().equals(ownerId))
                .toList();
        var views = forecasts.views(workspaceId, mine, clock.instant());
        List<ExpiringConnection> out = new java.util.ArrayList<>();
        List<dev.atom.connectors.ConnectionUsage.Use> uses = null;
        for (Connection c : mine) {
            var view = views.get(c.id());
            if (view == null || !HealthForecasts.ATTENTION.equals(view.state())) {
                continue;
            }
            if (uses == null) {
                uses = users.uses(workspaceId, ownerId);
            }
            List<String> usedBy = uses.stream()
                    .filter(u -> u.connectionId().equals(c.id()))
                    .map(dev.atom.connectors.ConnectionUsage.Use::name)
                    .toList();
            out.add(new ExpiringConnection(c.id(), c.name(), c.connector(), view.expiresAt(), view.why(), usedBy));
        }
        return out;
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
        return repository.find(workspaceId, connectionId).map(ConnectionService::info);
    }

    @Override
    public List<ConnectionInfo> connections(String workspaceId) {
        return repository.list(workspaceId).stream()
                .map(ConnectionService::info)
                .toList();
    }

    @Override
    public Optional<ConnectionInfo> connection(Caller caller, String connectionId) {
        if (!isMember(caller)) {
            return Optional.empty();
        }
        return repository
                .find(caller.workspaceId(), connectionId)
                .filter(c -> c.usableBy(caller.userId()))
                .map(ConnectionService::info);
    }

    @Override
    public List<ConnectionInfo> connections(Caller caller) {
        if (!isMember(caller)) {
            return List.of();
        }
        return repository.list(caller.workspaceId()).stream()
                .filter(c -> c.usableBy(caller.userId()))
                .map(ConnectionService::info)
                .toList();
    }

    @Override
    public JsonNode run(Caller caller, String connectionId, String actionId, JsonNode input, String idempotencyKey) {
        usable(caller, connectionId);
        return run(caller.workspaceId(), connectionId, actionId, input, idempotencyKey);
    }

    @Override
    public ActionContext context(Caller caller, String connectionId) {
        usable(caller, connectionId);
        return context(caller.workspaceId(), connectionId);
    }

    /** Throws {@link ConnectionNotUsable} saying why the caller may not use the connection. */
    private void usable(Caller caller, String connectionId) {
        Connection c = repository.find(caller.workspaceId(), connectionId).orElseThrow(UnknownReference::connection);
        if (!isMember(caller)) {
            throw new ConnectionNotUsable("user " + caller.userId() + " is no longer a member of this workspace");
        }
        if (!c.usableBy(caller.userId())) {
            throw new ConnectionNotUsable("it is private to another member (" + c.createdBy() + ")");
        }
    }

    private boolean isMember(Caller caller) {
        return caller.userId() != null
                && members.find(caller.workspaceId(), caller.userId()).isPresent();
    }

    private static ConnectionInfo info(Connection c) {
        return new ConnectionInfo(
                c.id(),
                c.workspaceId(),
                c.connector(),
                c.name(),
                c.status().wire(),
                c.statusReason(),
                c.visibility(),
                c.createdBy());
    }

    @Override
    public JsonNode run(
            String workspaceId, String connectionId, String actionId, JsonNode input, String idempotencyKey) {
        Connection c = repository.find(workspaceId, connectionId).orElseThrow(UnknownReference::connection);
        ActionInfo info = registry.action(actionId)
                .filter(a -> a.connector().id().equals(c.connector()))
                .orElseThrow(() -> UnknownReference.action(actionId));
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
                .orElseThrow(() -> UnknownReference.action(actionId));
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
        ActionInfo info = registry.action(actionId).orElseThrow(() -> UnknownReference.action(actionId));
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
    public void markNeedsReconnect(String workspaceId, String connectionId, String reason) {
        Connection c = repository.find(workspaceId, connectionId).orElse(null);
        if (c == null) {
            return;
        }
        Instant now = clock.instant();
        repository.updateStatus(workspaceId, c.id(), ConnectionStatus.NEEDS_RECONNECT, reason, null, now);
        if (c.status() != ConnectionStatus.NEEDS_RECONNECT) {
            announceNeedsReconnect(c, reason, now);
        }
    }

    private void announceNeedsReconnect(Connection c, String reason, Instant now) {
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

    @Override
    public ActionContext context(String workspaceId, String connectionId) {
        Connection c = repository.find(workspaceId, connectionId).orElseThrow(UnknownReference::connection);
        Connector connector =
                registry.connector(c.connector()).orElseThrow(() -> UnknownReference.connector(c.connector()));
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
