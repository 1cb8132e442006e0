package dev.atom.connectors.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.atom.connectors.Connector;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/connectors/{id}/oauth-app}: whether the workspace can connect the service with OAuth and
 * with whose app ({@code source}: {@code workspace}, {@code environment}, or null when none is set), the client
 * id (public by nature), never the secret; and what an admin needs to register one: the exact redirect URI, the
 * scopes Atom asks for and why, where the steps are, and the environment variables an operator would set.
 */
record OAuthAppJson(
        String connector,
        String name,
        boolean configured,
        @JsonInclude(JsonInclude.Include.ALWAYS) String source,
        String clientId,
        Boolean testing,
        Instant updatedAt,
        String redirectUri,
        List<Scope> scopes,
        String guide,
        Environment environment) {

    record Scope(String scope, String why) {}

    /** The operator's variables and whether both are set. */
    record Environment(String clientIdVariable, String clientSecretVariable, boolean set) {}

    static OAuthAppJson of(Connector connector, OAuthApps apps, String workspaceId, String redirectUri) {
        String source = apps.source(workspaceId, connector.id()).orElse(null);
        OAuthApp app = apps.registered(workspaceId, connector.id()).orElse(null);
        ConnectorSettings settings = apps.settings(workspaceId, connector.id());
        String prefix = ConnectorSettings.prefix(connector.id());
        boolean envSet = apps.environmentSet(connector.id());
        List<Scope> scopes = connector.oauth2().orElseThrow().scopes().stream()
                .map(s -> new Scope(s, ScopeReasons.of(s)))
                .toList();
        return new OAuthAppJson(
                connector.id(),
                connector.name(),
                source != null,
                source,
                source == null ? null : settings.clientId(),
                app == null ? null : app.testing(),
                app == null ? null : app.updatedAt(),
                redirectUri,
                scopes,
                "/connections/oauth-app/" + connector.id() + "/guide",
                new Environment(prefix + "CLIENT_ID", prefix + "CLIENT_SECRET", envSet));
    }
}
