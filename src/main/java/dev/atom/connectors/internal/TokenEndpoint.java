package dev.atom.connectors.internal;

import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.ConnectorException;
import dev.atom.shared.net.BlockedUrlException;
import dev.atom.shared.net.GuardedHttpClient;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a provider's token endpoint (RFC 6749: code exchange, refresh) and revocation endpoint (RFC
 * 7009), authenticating the client as the connector declares. Every URL passes the SSRF guard. Nothing it
 * throws or logs carries a token or the client secret. Thread-safe (stateless).
 */
@Component
class TokenEndpoint {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /**
     * A token response; {@code refreshToken}, {@code expiresIn}, {@code scope} and {@code refreshExpiresIn} (the
     * refresh token's lifetime, which Google and GitHub Apps send for time-limited grants) may be absent (null).
     */
    record Tokens(String accessToken, String refreshToken, Long expiresIn, String scope, Long refreshExpiresIn) {
        Tokens(String accessToken, String refreshToken, Long expiresIn, String scope) {
            this(accessToken, refreshToken, expiresIn, scope, null);
        }

        @Override
        public String toString() {
            return "Tokens[expiresIn=" + expiresIn + ", scope=" + scope + "]";
        }
    }

    /** The provider refused the grant: {@code error} is its RFC 6749 code (invalid_grant, invalid_client...). */
    static final class Refused extends RuntimeException {
        private final String error;

        Refused(String error, String description) {
            super(
                    description == null || description.isBlank() ? error : error + ": " + description,
                    null,
                    false,
                    false);
            this.error = error;
        }

        String error() {
            return error;
        }
    }

    private final GuardedHttpClient http;

    TokenEndpoint(GuardedHttpClient http) {
        this.http = http;
    }

    Tokens exchangeCode(
            AuthSpec.OAuth2 auth, ConnectorSettings settings, String code, String redirectUri, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        return tokens(post(settings.tokenUrl(), auth, settings, form));
    }

    Tokens refresh(AuthSpec.OAuth2 auth, ConnectorSettings settings, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return tokens(post(settings.tokenUrl(), auth, settings, form));
    }

    /** RFC 7009: revokes {@code token} ({@code hint} refresh_token or access_token). */
    void revoke(AuthSpec.OAuth2 auth, ConnectorSettings settings, String token, String hint) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", token);
        form.put("token_type_hint", hint);
        GuardedHttpClient.Response response = post(settings.revokeUrl(), auth, settings, form);
        if (response.status() != 200) {
            throw refusal(response);
        }
    }

    private GuardedHttpClient.Response post(
            String url, AuthSpec.OAuth2 auth, ConnectorSettings settings, Map<String, String> form) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Content-Type", "application/x-www-form-urlencoded"));
        headers.add(Map.entry("Accept", "application/json"));
        Map<String, String> body = new LinkedHashMap<>(form);
        if (auth.clientAuth() == AuthSpec.ClientAuth.CLIENT_SECRET_POST) {
            body.put("client_id", settings.clientId());
            body.put("client_secret", settings.clientSecret());
        } else {
            // RFC 6749 2.3.1: id and secret are form-encoded before they are joined and base64-encoded
            String pair = encode(settings.clientId()) + ":" + encode(settings.clientSecret());
            headers.add(Map.entry(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
        }
        byte[] bytes = formBody(body).getBytes(StandardCharsets.UTF_8);
        try {
            return http.send(new GuardedHttpClient.Request("POST", url, headers, bytes, TIMEOUT, 1 << 20, false));
        } catch (BlockedUrlException e) {
            throw new ConnectorException.Permanent(0, "the provider's OAuth endpoint is refused: " + e.getMessage());
        } catch (IOException e) {
            throw new ConnectorException.Retriable(0, "the provider's OAuth endpoint did not answer", null);
        }
    }

    private static Tokens tokens(GuardedHttpClient.Response response) {
        if (response.status() != 200) {
            throw refusal(response);
        }
        JsonNode json = parse(response);
        String access = text(json, "access_token");
        if (access == null) {
            throw new ConnectorException.Permanent(
                    response.status(), "the provider's token answer has no access_token");
        }
        return new Tokens(
                access,
                text(json, "refresh_token"),
                seconds(json, "expires_in"),
                text(json, "scope"),
                seconds(json, "refresh_token_expires_in"));
    }

    private static RuntimeException refusal(GuardedHttpClient.Response response) {
        if (response.status() == 429 || response.status() >= 500) {
            return new ConnectorException.Retriable(
                    response.status(), "the provider's OAuth endpoint answered " + response.status(), null);
        }
        JsonNode json = parse(response);
        String error = text(json, "error");
        if (error == null) {
            return new ConnectorException.Permanent(
                    response.status(), "the provider's OAuth endpoint answered " + response.status());
        }
        return new Refused(error, text(json, "error_description"));
    }

    private static JsonNode parse(GuardedHttpClient.Response response) {
        try {
            return response.body() == null || response.body().length == 0 ? null : JSON.readTree(response.body());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json == null ? null : json.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asString();
    }

    private static Long seconds(JsonNode json, String field) {
        JsonNode v = json == null ? null : json.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isNumber() ? Long.valueOf(v.asLong()) : parseLong(v.asString());
    }

    private static Long parseLong(String s) {
        try {
            return Long.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String formBody(Map<String, String> form) {
        StringBuilder sb = new StringBuilder();
        form.forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(encode(k)).append('=').append(encode(v == null ? "" : v));
        });
        return sb.toString();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
