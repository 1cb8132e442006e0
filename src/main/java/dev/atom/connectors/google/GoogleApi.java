package dev.atom.connectors.google;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.ServiceErrors;
import dev.atom.shared.net.GuardedHttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the Google connectors share: the OAuth endpoints, authenticated JSON calls through the connection's
 * {@link dev.atom.connectors.ServiceHttp}, and Google's error answers mapped onto the connector exceptions
 * (401 reconnect; 403 rate limits, 429 and 5xx retry; other 4xx permanent, naming the input field).
 * Stateless.
 */
public final class GoogleApi {
    /**
     * Google's consent page, asking for offline access (a refresh token) and for consent every time (Google
     * issues a refresh token only on consent, so a reconnect must ask again). An operator who overrides it
     * with ATOM_<ID>_AUTHORIZE_URL should keep both parameters.
     */
    public static final String AUTHORIZE_URL =
            "https://accounts.google.com/o/oauth2/v2/auth?access_type=offline&prompt=consent";

    public static final String TOKEN_URL = "https://oauth2.googleapis.com/token";
    public static final String REVOKE_URL = "https://oauth2.googleapis.com/revoke";
    public static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_JSON_BYTES = 8 << 20;

    private GoogleApi() {}

    /** Authorization code with PKCE against Google, offline access, revocation by RFC 7009. */
    public static AuthSpec.OAuth2 oauth(String... scopes) {
        return new AuthSpec.OAuth2(AUTHORIZE_URL, TOKEN_URL, List.of(scopes), true, REVOKE_URL);
    }

    /** GET {@code url}; the answer's JSON. {@code field} is the input field a 400/404 is about (may be null). */
    public static JsonNode get(ActionContext context, String url, String field) {
        return json(context, "GET", url, null, field);
    }

    /** A JSON call: {@code body} (a record, map or node; may be null) is sent as JSON. */
    public static JsonNode json(ActionContext context, String method, String url, Object body, String field) {
        return json(context, method, url, body, field, field);
    }

    /** A JSON call whose 404 is about {@code notFoundField} and whose 400 is about {@code badRequestField}. */
    public static JsonNode json(
            ActionContext context,
            String method,
            String url,
            Object body,
            String notFoundField,
            String badRequestField) {
        byte[] bytes = body == null ? null : JSON.writeValueAsBytes(body);
        var response = send(context, method, url, bytes, body == null ? null : "application/json", MAX_JSON_BYTES);
        raise(context, response, notFoundField, badRequestField);
        return parse(response);
    }

    /** Sends an authenticated request and returns the answer unchecked (see {@link #raise}). */
    public static GuardedHttpClient.Response send(
            ActionContext context, String method, String url, byte[] body, String contentType, int maxBytes) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Authorization", "Bearer " + context.credentials().accessToken()));
        headers.add(Map.entry("Accept", "application/json"));
        if (contentType != null) {
            headers.add(Map.entry("Content-Type", contentType));
        }
        return context.http()
                .send(new GuardedHttpClient.Request(method, url, headers, body, TIMEOUT, maxBytes, true), "baseUrl");
    }

    /** The answer's JSON body (an empty object for an empty body). */
    public static JsonNode parse(GuardedHttpClient.Response response) {
        if (response.body().length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new ConnectorException.Retriable(response.status(), "the service answered with invalid JSON", null);
        }
    }

    /** Throws the matching connector exception for a status of 400 or more. */
    public static void raise(ActionContext context, GuardedHttpClient.Response response, String field) {
        raise(context, response, field, field);
    }

    /**
     * Throws the matching connector exception for a status of 400 or more: a 404 is {@link ConnectorException.NotFound} naming {@code notFoundField},
     * a 400 the parameter Google names in {@code error.errors[0].location}, else {@code badRequestField}
     * (either may be null: then the service's message stands alone).
     */
    public static void raise(
            ActionContext context, GuardedHttpClient.Response response, String notFoundField, String badRequestField) {
        int status = response.status();
        if (status < 400) {
            return;
        }
        Instant now = context.clock().instant();
        String message = ServiceErrors.message(response);
        if (status == 403 && isRateLimit(response)) {
            throw new ConnectorException.Retriable(
                    status,
                    "Google's rate limit was reached (" + message + ")",
                    ServiceErrors.retryAfter(response.header("retry-after"), now));
        }
        if (status == 404 && notFoundField != null) {
            throw new ConnectorException.NotFound(notFoundField, named(notFoundField));
        }
        if (status == 400) {
            String field = location(response);
            field = field != null ? field : badRequestField;
            if (field != null) {
                throw new ConnectorException.Permanent(status, field + " was refused: " + message);
            }
        }
        ServiceErrors.raise(response, now);
    }

    /** What an input field names, for a 404's message: {@code eventId} is "the event". */
    static String named(String field) {
        return field.endsWith("Id") ? "the " + field.substring(0, field.length() - 2) : "what " + field + " names";
    }

    /** The parameter a Google 400 is about, when it says ({@code error.errors[0].location}). */
    private static String location(GuardedHttpClient.Response response) {
        try {
            JsonNode location = JSON.readTree(response.body())
                    .path("error")
                    .path("errors")
                    .path(0)
                    .path("location");
            return location.isString() && !location.asString().isBlank() ? location.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static boolean isRateLimit(GuardedHttpClient.Response response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        return body.contains("\"rateLimitExceeded\"")
                || body.contains("\"userRateLimitExceeded\"")
                || body.contains("RATE_LIMIT_EXCEEDED");
    }

    /** A query-string value, percent-encoded (spaces as %20). */
    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A query string of the non-null pairs ({@code name, value, name, value...}), with its leading '?'. */
    public static String query(Object... pairs) {
        StringJoiner q = new StringJoiner("&", "?", "");
        q.setEmptyValue("");
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            Object v = pairs[i + 1];
            if (v instanceof Iterable<?> many) {
                for (Object one : many) {
                    q.add(pairs[i] + "=" + enc(String.valueOf(one)));
                }
            } else if (v != null) {
                q.add(pairs[i] + "=" + enc(String.valueOf(v)));
            }
        }
        return q.toString();
    }

    /** Text of a JSON field, or null when absent. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    /** A list of the string values of a JSON array field (empty when absent). */
    public static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        node.path(field).forEach(v -> out.add(v.asString()));
        return out;
    }
}
