package dev.atom.connectors.internal;

import dev.atom.connectors.Connector;
import dev.atom.identity.CurrentUser;
import dev.atom.identity.Role;
import dev.atom.secrets.SecretStore;
import dev.atom.shared.audit.AuditEvent;
import dev.atom.shared.web.ApiException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Which OAuth client a workspace connects a service with: the app its admins registered in Atom, else the
 * operator's {@code ATOM_<ID>_CLIENT_ID/_SECRET}. Registering and removing are for owners and admins and are
 * audited ({@code oauth_app.set}, {@code oauth_app.removed}, never with the secret); the client secret is kept
 * only in the secret store. Thread-safe (stateless).
 */
@Service
class OAuthApps {
    static final String WORKSPACE = "workspace";
    static final String ENVIRONMENT = "environment";
    static final int MAX_CLIENT_ID = 256;
    static final int MAX_CLIENT_SECRET = 1024;

    private final ConnectorRegistry registry;
    private final OAuthAppRepository apps;
    private final SecretStore secrets;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OAuthApps(
            ConnectorRegistry registry,
            OAuthAppRepository apps,
            SecretStore secrets,
            ApplicationEventPublisher events,
            Clock clock) {
        this.registry = registry;
        this.apps = apps;
        this.secrets = secrets;
        this.events = events;
        this.clock = clock;
    }

    /** What a registration request holds, validated. */
    record Registration(String clientId, String clientSecret, boolean testing) {
        @Override
        public String toString() {
            return "Registration[clientId=" + clientId + ", clientSecret=***, testing=" + testing + "]";
        }
    }

    /**
     * The connector's settings with the client the workspace connects with: its own app when one is registered,
     * else the environment's (whose client id and secret may be null: not set up).
     */
    ConnectorSettings settings(String workspaceId, String connectorId) {
        ConnectorSettings operator = registry.settings(connectorId);
        return apps.find(workspaceId, connectorId)
                .flatMap(app -> secrets.get(
                                app.clientSecretId(),
                                workspaceId,
                                OAuthApp.secretOwner(connectorId),
                                OAuthApp.SECRET_PURPOSE)
                        .map(secret -> operator.withClient(app.clientId(), secret)))
                .orElse(operator);
    }

    /** {@link #WORKSPACE}, {@link #ENVIRONMENT}, or empty when the service is not set up for the workspace. */
    Optional<String> source(String workspaceId, String connectorId) {
        if (apps.find(workspaceId, connectorId).isPresent()) {
            return Optional.of(WORKSPACE);
        }
        return environmentSet(connectorId) ? Optional.of(ENVIRONMENT) : Optional.empty();
    }

    /** For every OAuth connector set up for the workspace: where its app comes from (one query). */
    Map<String, String> sources(String workspaceId) {
        Map<String, String> out = new LinkedHashMap<>();
        registry.all().stream()
                .filter(c -> c.oauth2().isPresent() && environmentSet(c.id()))
                .forEach(c -> out.put(c.id(), ENVIRONMENT));
        apps.list(workspaceId).forEach(app -> out.put(app.connector(), WORKSPACE));
        return out;
    }

    /** Whether the operator set both {@code ATOM_<ID>_CLIENT_ID} and {@code _CLIENT_SECRET}. */
    boolean environmentSet(String connectorId) {
        ConnectorSettings operator = registry.settings(connectorId);
        return operator != null && operator.clientId() != null && operator.clientSecret() != null;
    }

    /** The workspace's registered app for the connector (never its secret), if any. */
    Optional<OAuthApp> registered(String workspaceId, String connectorId) {
        return apps.find(workspaceId, connectorId);
    }

    /** The OAuth connector, 404 for an unknown id, 400 naming it when it does not connect with OAuth. */
    Connector oauthConnector(String connectorId) {
        Connector c = registry.connector(connectorId).orElseThrow(() -> ApiException.notFound("Connector"));
        if (c.oauth2().isEmpty()) {
            throw ApiException.invalid("connector", "'" + connectorId + "' does not connect with OAuth");
        }
        return c;
    }

    /** Registers (or replaces) the workspace's app for the connector; owners and admins only. */
    OAuthApp register(CurrentUser user, String connectorId, Registration registration) {
        Connector connector = oauthConnector(connectorId);
        requireAdmin(user);
        String owner = OAuthApp.secretOwner(connector.id());
        Optional<OAuthApp> previous = apps.find(user.workspaceId(), connector.id());
        String secretId = secrets.put(user.workspaceId(), owner, OAuthApp.SECRET_PURPOSE, registration.clientSecret());
        OAuthApp app = new OAuthApp(
                user.workspaceId(),
                connector.id(),
                registration.clientId(),
                secretId,
                registration.testing(),
                user.userId(),
                clock.instant());
        apps.save(app);
        previous.ifPresent(old -> secrets.delete(old.clientSecretId(), old.workspaceId()));
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("connector", connector.id());
        detail.put("clientId", registration.clientId());
        detail.put("replaced", Boolean.toString(previous.isPresent()));
        events.publishEvent(new AuditEvent(user.workspaceId(), user.userId(), "oauth_app.set", detail, null));
        return app;
    }

    /** Removes the workspace's app (the environment's, if any, applies again); false when there was none. */
    boolean remove(CurrentUser user, String connectorId) {
        Connector connector = oauthConnector(connectorId);
        requireAdmin(user);
        Optional<OAuthApp> app = apps.find(user.workspaceId(), connector.id());
        if (app.isEmpty()) {
            return false;
        }
        apps.delete(user.workspaceId(), connector.id());
        secrets.delete(app.get().clientSecretId(), user.workspaceId());
        events.publishEvent(new AuditEvent(
                user.workspaceId(),
                user.userId(),
                "oauth_app.removed",
                Map.of("connector", connector.id(), "clientId", app.get().clientId()),
                null));
        return true;
    }

    static void requireAdmin(CurrentUser user) {
        if (!user.role().atLeast(Role.ADMIN)) {
            throw ApiException.forbidden("Only workspace owners and admins can set up OAuth apps");
        }
    }
}
