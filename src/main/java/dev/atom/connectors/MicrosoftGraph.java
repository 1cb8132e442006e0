package dev.atom.connectors;

import dev.atom.shared.net.GuardedHttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Microsoft Graph for the Microsoft 365 connectors (Teams, OneDrive, To Do), which share one identity platform,
 * one error body ({@code {error:{code,message}}}) and one paging scheme. Authenticated calls go through the
 * connection's {@link ServiceHttp}; answers map onto {@link ConnectorException}: 401 (and an expired or revoked
 * grant) needs reconnecting, 429/503/504 and other 5xx retry after Retry-After, 404 is {@link
 * ConnectorException.NotFound} naming the input field, 400 is {@link ConnectorException.InvalidInput} naming
 * it, other refusals are permanent with Graph's code. Kept here rather than in one connector's package because
 * three connectors need exactly this. Stateless.
 */
public final class MicrosoftGraph {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String AUTHORIZE_URL = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize";
    public static final String TOKEN_URL = "https://login.microsoftonline.com/common/oauth2/v2.0/token";
    public static final String BASE_URL = "https://graph.microsoft.com/v1.0";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_JSON_BYTES = 8 << 20;
    private static final Set<String> LOST_STATE =
            Set.of("syncstatenotfound", "syncstateinvalid", "resyncrequired", "invaliddeltatoken");
    private static final Set<String> RECONNECT =
            Set.of("invalidauthenticationtoken", "invalid_grant", "interaction_required");

    private MicrosoftGraph() {}

    /**
     * OAuth 2.0 on the Microsoft identity platform's common endpoint (work, school and personal accounts), with
     * PKCE and the client secret in the form body as Entra expects of web apps; {@code offline_access} is always
     * asked for (a refresh token) and {@code User.Read} (the health check's GET /me). Microsoft has no RFC 7009
     * revocation endpoint.
     */
    public static AuthSpec.OAuth2 oauth2(String... scopes) {
        List<String> all = new ArrayList<>(List.of("offline_access", "User.Read"));
        all.addAll(List.of(scopes));
        return new AuthSpec.OAuth2(AUTHORIZE_URL, TOKEN_URL, all, true, null, AuthSpec.ClientAuth.CLIENT_SECRET_POST);
    }

    /** GET /me: cheap, allowed by User.Read; the account's address. */
    public static Health me(ActionContext context) {
        JsonNode me = get(context, "/me" + query("$select", "id,displayName,mail,userPrincipalName"), null, null);
        String mail = text(me, "mail");
        return Health.ok(mail != null ? mail : text(me, "userPrincipalName"));
    }

    /** The signed-in account's id (who "me" is in chats and mentions). */
    public static String myId(ActionContext context) {
        return text(get(context, "/me" + query("$select", "id"), null, null), "id");
    }

    /**
     * GET {@code pathOrLink} (a path under the base URL, or a link Graph returned, see {@link #ownLink}); a 404
     * is {@code NotFound(field, what)}.
     */
    public static JsonNode get(ActionContext context, String pathOrLink, String field, String what) {
        return call(context, "GET", pathOrLink, null, field, what);
    }

    /** A JSON call; {@code body} (a record, map or node, may be null) is sent as JSON. */
    public static JsonNode call(
            ActionContext context, String method, String pathOrLink, Object body, String field, String what) {
        byte[] bytes = body == null ? null : JSON.writeValueAsBytes(body);
        var response = send(context, method, pathOrLink, bytes, "application/json", MAX_JSON_BYTES, false);
        raise(context, response, field, what);
        return parse(response);
    }

    /**
     * An authenticated request, answered unchecked. {@code followRedirects}: a download's 302 to a pre-signed URL
     * on another host (the bearer token never follows a redirect to another origin).
     */
    public static GuardedHttpClient.Response send(
            ActionContext context,
            String method,
            String pathOrLink,
            byte[] body,
            String contentType,
            int maxBytes,
            boolean followRedirects) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Authorization", "Bearer " + context.credentials().accessToken()));
        headers.add(Map.entry("Accept", "application/json"));
        if (body != null) {
            headers.add(Map.entry("Content-Type", contentType));
        }
        String url = pathOrLink.startsWith("/") ? context.baseUrl() + pathOrLink : ownLink(context, pathOrLink);
        return context.http()
                .send(
                        new GuardedHttpClient.Request(method, url, headers, body, TIMEOUT, maxBytes, followRedirects),
                        "baseUrl");
    }

    /** The answer's JSON (an empty object for an empty body, as a 204). */
    public static JsonNode parse(GuardedHttpClient.Response response) {
        if (response.body().length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new ConnectorException.Retriable(
                    response.status(), "Microsoft Graph answered with invalid JSON", null);
        }
    }

    /** Throws the matching exception for a status of 400 or more; {@code field} names the input a 404/400 is about. */
    public static void raise(ActionContext context, GuardedHttpClient.Response response, String field, String what) {
        int status = response.status();
        if (status < 400) {
            return;
        }
        Instant now = context.clock().instant();
        String code = code(response);
        String message = message(response);
        if (status == 401 || (code != null && RECONNECT.contains(code.toLowerCase(Locale.ROOT)))) {
            throw new ConnectorException.NeedsReconnect("Microsoft Graph rejected the credentials (" + message + ")");
        }
        if (status == 429 || status == 408 || status >= 500) {
            String prefix = status == 429 ? "Microsoft Graph is throttling this account: " : "";
            throw new ConnectorException.Retriable(
                    status, prefix + message, ServiceErrors.retryAfter(response.header("retry-after"), now));
        }
        if (status == 404) {
            throw new ConnectorException.NotFound(field, what == null ? "what the call named" : what);
        }
        if (status == 400 && field != null) {
            throw new ConnectorException.InvalidInput(field, "Microsoft Graph refused it: " + message);
        }
        throw new ConnectorException.Permanent(status, field == null ? message : field + ": " + message);
    }

    /** Whether Graph no longer knows a delta link's sync state (410, syncStateNotFound...): start again. */
    public static boolean lostSyncState(GuardedHttpClient.Response response) {
        if (response.status() == 410) {
            return true;
        }
        String code = response.status() >= 400 ? code(response) : null;
        return code != null && LOST_STATE.contains(code.toLowerCase(Locale.ROOT));
    }

    /** Graph's {@code error.code}, or null. */
    public static String code(GuardedHttpClient.Response response) {
        try {
            JsonNode code = JSON.readTree(response.body()).path("error").path("code");
            return code.isString() ? code.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** "message (code)" from Graph's error body, else the generic reading. */
    public static String message(GuardedHttpClient.Response response) {
        try {
            JsonNode error = JSON.readTree(response.body()).path("error");
            String message = error.path("message").asString("");
            String code = error.path("code").asString("");
            if (!message.isBlank()) {
                message = message.length() > 300 ? message.substring(0, 300) : message;
                return code.isBlank() ? message : message + " (" + code + ")";
            }
            if (!code.isBlank()) {
                return code;
            }
        } catch (JacksonException e) {
            // not JSON
        }
        return ServiceErrors.message(response);
    }

    /**
     * A link Graph returned ({@code @odata.nextLink}, {@code @odata.deltaLink}) kept in a cursor or passed back by
     * a caller: it must point under the connection's base URL, since the bearer token goes with it.
     */
    public static String ownLink(ActionContext context, String link) {
        String base = context.baseUrl().endsWith("/") ? context.baseUrl() : context.baseUrl() + "/";
        if (link == null || !link.startsWith(base)) {
            throw new ConnectorException.Permanent(0, "a Microsoft Graph link outside " + context.baseUrl());
        }
        return link;
    }

    /** A path segment or query value, percent-encoded (spaces as %20). */
    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An input id as a path segment: required, trimmed, encoded; else InvalidInput on {@code field}. */
    public static String id(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ConnectorException.InvalidInput(field, "is required");
        }
        if (value.length() > 1000) {
            throw new ConnectorException.InvalidInput(field, "is too long to be an id");
        }
        return enc(value.strip());
    }

    /** A query string of the non-null pairs ({@code name, value, ...}) with its leading '?', or "". */
    public static String query(Object... pairs) {
        StringJoiner q = new StringJoiner("&", "?", "");
        q.setEmptyValue("");
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            Object v = pairs[i + 1];
            if (v != null) {
                q.add(pairs[i] + "=" + enc(String.valueOf(v)));
            }
        }
        return q.toString();
    }

    /** Text of a JSON field, or null when absent, null or empty. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.asString("").isEmpty() ? null : v.asString();
    }

    /** An ISO instant field, or null. */
    public static Instant instant(JsonNode node, String field) {
        String t = text(node, field);
        try {
            return t == null ? null : Instant.parse(t);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
