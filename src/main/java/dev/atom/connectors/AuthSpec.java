package dev.atom.connectors;

import java.util.List;
import java.util.Map;

/** How a connector authenticates: a closed set, so the UI, the API and the OAuth machinery can switch on it. */
public sealed interface AuthSpec {

    /** The wire name: none, api_key, basic, oauth2. */
    String kind();

    /** The credential fields a user types in ({@code POST /api/v1/connections} credentials). */
    default List<CredentialField> fields() {
        return List.of();
    }

    /** What the UI calls this way of connecting when a connector offers several. */
    default String label() {
        return switch (kind()) {
            case "api_key" -> "API key";
            case "basic" -> "User name and password";
            case "oauth2" -> "OAuth";
            default -> "No credentials";
        };
    }

    /**
     * One credential field. {@code secret} ones are masked in forms; all are stored only through the secret
     * store. {@code pattern} (a regex, may be null) is checked when the connection is created.
     */
    record CredentialField(String name, String label, boolean secret, boolean required, String pattern, String help) {
        public static CredentialField secret(String name, String label) {
            return new CredentialField(name, label, true, true, null, null);
        }

        public static CredentialField text(String name, String label) {
            return new CredentialField(name, label, false, true, null, null);
        }
    }

    record None() implements AuthSpec {
        @Override
        public String kind() {
            return "none";
        }
    }

    /** An API key or token, plus any other fields the service needs (a site URL, an e-mail address). */
    record ApiKey(String label, List<CredentialField> fields) implements AuthSpec {
        public ApiKey {
            label = label == null ? "API key" : label;
            fields = List.copyOf(fields);
        }

        public ApiKey(List<CredentialField> fields) {
            this(null, fields);
        }

        @Override
        public String kind() {
            return "api_key";
        }
    }

    record Basic(String label, List<CredentialField> fields) implements AuthSpec {
        public Basic() {
            this(List.of(
                    CredentialField.text("username", "User name"), CredentialField.secret("password", "Password")));
        }

        public Basic(List<CredentialField> fields) {
            this(null, fields);
        }

        public Basic {
            label = label == null ? "User name and password" : label;
            fields = List.copyOf(fields);
        }

        @Override
        public String kind() {
            return "basic";
        }
    }

    /**
     * OAuth 2.0 authorization code (PKCE S256 unless {@code pkce} is false). URLs are the defaults; operators
     * override them with {@code ATOM_<ID>_AUTHORIZE_URL}, {@code ATOM_<ID>_TOKEN_URL} and {@code
     * ATOM_<ID>_REVOKE_URL}. {@code revokeUrl} (RFC 7009) may be null. {@code clientAuth} is how the client
     * authenticates at the token and revocation endpoints. {@code authorizeParameters} are the service's own
     * extra query parameters of the authorize URL (Dropbox's {@code token_access_type=offline}, Notion's {@code
     * owner=user}); they are added to an operator's authorize URL too.
     */
    record OAuth2(
            String authorizeUrl,
            String tokenUrl,
            List<String> scopes,
            boolean pkce,
            String revokeUrl,
            ClientAuth clientAuth,
            Map<String, String> authorizeParameters)
            implements AuthSpec {
        public OAuth2 {
            scopes = List.copyOf(scopes);
            clientAuth = clientAuth == null ? ClientAuth.CLIENT_SECRET_BASIC : clientAuth;
            // insertion order kept, so the authorize URL reads the same every time
            authorizeParameters = authorizeParameters == null
                    ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(authorizeParameters));
        }

        public OAuth2(
                String authorizeUrl,
                String tokenUrl,
                List<String> scopes,
                boolean pkce,
                String revokeUrl,
                ClientAuth clientAuth) {
            this(authorizeUrl, tokenUrl, scopes, pkce, revokeUrl, clientAuth, Map.of());
        }

        /** With HTTP Basic client authentication, which RFC 6749 requires every server to accept. */
        public OAuth2(String authorizeUrl, String tokenUrl, List<String> scopes, boolean pkce, String revokeUrl) {
            this(authorizeUrl, tokenUrl, scopes, pkce, revokeUrl, ClientAuth.CLIENT_SECRET_BASIC);
        }

        @Override
        public String kind() {
            return "oauth2";
        }
    }

    /** Client authentication at the token endpoint (RFC 6749 section 2.3.1). */
    enum ClientAuth {
        /** {@code Authorization: Basic} with the form-encoded client id and secret. */
        CLIENT_SECRET_BASIC,
        /** {@code client_id} and {@code client_secret} in the form body. */
        CLIENT_SECRET_POST
    }
}
