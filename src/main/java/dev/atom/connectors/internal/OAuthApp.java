package dev.atom.connectors.internal;

import java.time.Instant;

/**
 * The OAuth app a workspace's admin registered for one connector: the client id in the clear (it is public: it
 * travels in every authorize URL) and the id of the client secret in the secret store, never the secret.
 * {@code testing} says the app is in the provider's testing mode (Google's 7-day refresh tokens).
 */
record OAuthApp(
        String workspaceId,
        String connector,
        String clientId,
        String clientSecretId,
        boolean testing,
        String updatedBy,
        Instant updatedAt) {

    /** The secret store owner of an app's client secret. */
    static String secretOwner(String connector) {
        return "oauth-app:" + connector;
    }

    static final String SECRET_PURPOSE = "oauth-client-secret";
}
