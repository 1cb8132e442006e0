package dev.atom.connectors;

import java.util.Optional;

/**
 * A connection's credentials, decrypted from the secret store on demand. Never log or return them.
 */
public interface Credentials {

    /** A credential field ({@code api_key}, {@code username}...), as declared by the connector's auth. */
    Optional<String> get(String field);

    /** A required field; a missing one means the connection must be reconnected. */
    default String require(String field) {
        return get(field)
                .orElseThrow(() -> new ConnectorException.NeedsReconnect("the credential '" + field + "' is missing"));
    }

    /**
     * The auth kind the connection was made with ({@code api_key}, {@code basic}, {@code oauth2}...); {@code
     * none} for credentials of no connection.
     */
    default String kind() {
        return "none";
    }

    /**
     * The token to send as {@code Authorization: Bearer}: the OAuth access token when the connection was made
     * through OAuth, else the pasted token in {@code field}.
     */
    default String bearerToken(String field) {
        return "oauth2".equals(kind()) ? accessToken() : require(field);
    }

    /**
     * The OAuth access token, refreshed first when it is about to expire (one refresh in flight per
     * connection). Throws {@link ConnectorException.NeedsReconnect} when there is none or it cannot be
     * refreshed.
     */
    String accessToken();

    /**
     * A new access token after the service refused {@code rejected} before its stated expiry (Dropbox's
     * {@code expired_access_token}): refreshed once, unless another caller already replaced it. Throws {@link
     * ConnectorException.NeedsReconnect} when it cannot be refreshed (the connection is then marked).
     */
    default String refreshAccessToken(String rejected) {
        throw new ConnectorException.NeedsReconnect("the service refused the access token; connect it again");
    }
}
