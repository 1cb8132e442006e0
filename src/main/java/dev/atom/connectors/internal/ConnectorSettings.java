package dev.atom.connectors.internal;

import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.Connector;
import java.util.Locale;
import org.springframework.core.env.Environment;

/**
 * Operator settings of one connector, read from the Spring Environment as {@code ATOM_<ID>_BASE_URL},
 * {@code _AUTHORIZE_URL}, {@code _TOKEN_URL}, {@code _REVOKE_URL}, {@code _CLIENT_ID}, {@code _CLIENT_SECRET} (id upper-cased,
 * dashes as underscores), falling back to the connector's defaults. The client secret is for the OAuth
 * machinery only; never log or return it.
 */
record ConnectorSettings(
        String baseUrl, String authorizeUrl, String tokenUrl, String revokeUrl, String clientId, String clientSecret) {

    static String prefix(String connectorId) {
        return "ATOM_" + connectorId.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
    }

    static ConnectorSettings of(Connector connector, Environment env) {
        String prefix = prefix(connector.id());
        String authorize = null;
        String token = null;
        String revoke = null;
        AuthSpec.OAuth2 oauth = connector.oauth2().orElse(null);
        if (oauth != null) {
            authorize = oauth.authorizeUrl();
            token = oauth.tokenUrl();
            revoke = oauth.revokeUrl();
        }
        return new ConnectorSettings(
                value(env, prefix + "BASE_URL", connector.defaultBaseUrl()),
                value(env, prefix + "AUTHORIZE_URL", authorize),
                value(env, prefix + "TOKEN_URL", token),
                value(env, prefix + "REVOKE_URL", revoke),
                value(env, prefix + "CLIENT_ID", null),
                value(env, prefix + "CLIENT_SECRET", null));
    }

    /** The same settings with another OAuth client (a workspace's own app instead of the operator's). */
    ConnectorSettings withClient(String id, String secret) {
        return new ConnectorSettings(baseUrl, authorizeUrl, tokenUrl, revokeUrl, id, secret);
    }

    private static String value(Environment env, String key, String fallback) {
        String v = env.getProperty(key);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    @Override
    public String toString() {
        return "ConnectorSettings[baseUrl=" + baseUrl + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null ? "none" : "***") + "]";
    }
}
