package dev.atom.connectors;

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
 * What the Google connectors of the second wave (Sheets, Tasks, Contacts, Docs, YouTube) share: Google's OAuth
 * endpoints, bearer-authenticated JSON calls against {@link ActionContext#baseUrl()}, and Google's error answers
 * mapped onto {@link ConnectorException}: 401 and a missing scope need reconnecting; 429, 5xx and a 403 whose
 * reason is a rate limit are retriable (with Retry-After when Google sends one); 404 is {@link
 * ConnectorException.NotFound} naming the input field; 400 is {@link ConnectorException.InvalidInput} naming it.
 * In {@code dev.atom.connectors} because no connector may import another's package. Stateless.
 */
public final class GoogleRest {
    /**
     * Google's consent page, asking for offline access (a refresh token) and for consent every time (Google
     * issues a refresh token only on consent, so a reconnect must ask again).
     */
    public static final String AUTHORIZE_URL =
            "https://accounts.google.com/o/oauth2/v2/auth?access_type=offline&prompt=consent";

    public static final String TOKEN_URL = "https://oauth2.googleapis.com/token";
    public static final String REVOKE_URL = "https://oauth2.googleapis.com/revoke";
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_BYTES = 8 << 20;
    /** The 403 reasons that mean "too fast" (or a quota that refills), not "not allowed". */
    private static final List<String> RATE_LIMITS =
            List.of("rateLimitExceeded", "userRateLimitExceeded", "RATE_LIMIT_EXCEEDED", "quotaExceeded");
    /** Google's guidance is exponential back-off from about a second; its 403s rarely carry Retry-After. */
    private static final Duration BACK_OFF = Duration.ofSeconds(2);

    private GoogleRest() {}

    /**
     * What a failed call is about, for people: the input field that named the thing ({@code spreadsheetId}), the
     * thing ("the spreadsheet"), and the field a 400 blames ({@code range}; usually the same field). A 404
     * becomes {@code NotFound(field, what)}, a 400 {@code InvalidInput(invalidField)}.
     */
    public record Blame(String field, String what, String invalidField) {
        public static Blame of(String field, String what) {
            return new Blame(field, what, field);
        }
    }

    /** Authorization code with PKCE against Google, offline access, revocation by RFC 7009. */
    public static AuthSpec.OAuth2 oauth(String... scopes) {
        return new AuthSpec.OAuth2(AUTHORIZE_URL, TOKEN_URL, List.of(scopes), true, REVOKE_URL);
    }

    /** GET {@code baseUrl + pathAndQuery}; the answer's JSON. */
    public static JsonNode get(ActionContext context, String pathAndQuery, Blame blame) {
        return call(context, "GET", pathAndQuery, null, blame);
    }

    /** A call whose {@code body} (a record, map or node; null for none) travels as JSON; the answer's JSON. */
    public static JsonNode call(ActionContext context, String method, String pathAndQuery, Object body, Blame blame) {
        var response = send(context, method, pathAndQuery, body);
        raise(context, response, blame);
        return parse(response);
    }

    /** Sends an authenticated request and returns the answer unchecked (see {@link #raise}). */
    public static GuardedHttpClient.Response send(
            ActionContext context, String method, String pathAndQuery, Object body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Authorization", "Bearer " + context.credentials().accessToken()));
        headers.add(Map.entry("Accept", "application/json"));
        byte[] bytes = null;
        if (body != null) {
            headers.add(Map.entry("Content-Type", "application/json"));
            bytes = JSON.writeValueAsBytes(body);
        }
        return context.http()
                .send(
                        new GuardedHttpClient.Request(
                                method, context.baseUrl() + pathAndQuery, headers, bytes, TIMEOUT, MAX_BYTES, true),
                        "baseUrl");
    }

    /** The answer's JSON body (an empty object for an empty body). */
    public static JsonNode parse(GuardedHttpClient.Response response) {
        if (response.body().length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new ConnectorException.Retriable(
                    response.status(), "Google answered something that is not JSON", null);
        }
    }

    /** Throws the matching connector exception for a status of 400 or more; {@code blame} may be null. */
    public static void raise(ActionContext context, GuardedHttpClient.Response response, Blame blame) {
        int status = response.status();
        if (status < 400) {
            return;
        }
        Instant now = context.clock().instant();
        String message = ServiceErrors.message(response);
        String reason = reason(response);
        if (status == 429 || (status == 403 && RATE_LIMITS.contains(reason))) {
            Duration wait = ServiceErrors.retryAfter(response.header("retry-after"), now);
            throw new ConnectorException.Retriable(
                    status, "Google's rate limit was reached (" + message + ")", wait == null ? BACK_OFF : wait);
        }
        if (status == 401
                || (status == 403
                        && ("insufficientPermissions".equals(reason)
                                || "ACCESS_TOKEN_SCOPE_INSUFFICIENT".equals(reason)))) {
            throw new ConnectorException.NeedsReconnect("Google refused the connection's access (" + message + ")");
        }
        if (status == 404 && blame != null) {
            throw new ConnectorException.NotFound(blame.field(), blame.what());
        }
        if (status == 400 && blame != null && blame.invalidField() != null) {
            throw new ConnectorException.InvalidInput(blame.invalidField(), "Google says: " + message);
        }
        if (status == 403 && blame != null && blame.field() != null) {
            throw new ConnectorException.Permanent(status, blame.field() + ": Google says: " + message);
        }
        ServiceErrors.raise(response, now);
    }

    /**
     * Google's reason for an error: {@code error.errors[0].reason} (older APIs) or {@code
     * error.details[].reason} (newer ones), else {@code error.status}; null when the body says none.
     */
    static String reason(GuardedHttpClient.Response response) {
        try {
            JsonNode error = JSON.readTree(response.body()).path("error");
            JsonNode old = error.path("errors").path(0).path("reason");
            if (old.isString()) {
                return old.asString();
            }
            for (JsonNode d : error.path("details")) {
                if (d.path("reason").isString()) {
                    return d.path("reason").asString();
                }
            }
            return error.path("status").isString() ? error.path("status").asString() : null;
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A path segment, percent-encoded but keeping the characters a path may carry as they are ({@code ! : ' @ ,}),
     * so an A1 range reads {@code 'Q4 plan'!A1:C9} as Google's own clients send it.
     */
    public static String seg(String value) {
        return enc(value)
                .replace("%21", "!")
                .replace("%3A", ":")
                .replace("%27", "'")
                .replace("%40", "@")
                .replace("%2C", ",");
    }

    /** A path segment or query value, percent-encoded (spaces as %20). */
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

    /** Text of a JSON field, or null when absent or empty. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.asString("").isEmpty() ? null : v.asString();
    }

    /** Fails with {@link ConnectorException.InvalidInput} on {@code field} when {@code value} is blank. */
    public static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ConnectorException.InvalidInput(field, "is required");
        }
        return value.strip();
    }
}
