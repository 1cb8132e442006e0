package dev.atom.connectors.outlook;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.ServiceErrors;
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
 * Authenticated JSON calls to Microsoft Graph through the connection's {@link dev.atom.connectors.ServiceHttp},
 * and Graph's {@code {error:{code,message}}} answers mapped onto the connector exceptions: 401 reconnect; 429,
 * 503, 504 (and other 5xx) retry, honouring Retry-After; 404 and 400 name the input field; other 4xx are
 * permanent with Graph's code and message. Every request asks for immutable ids, so a message keeps its id when
 * it is moved and the ids the trigger reports stay valid for the actions. Stateless.
 */
final class Graph {
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Ids that survive moving a message between folders (Prefer: IdType="ImmutableId"). */
    static final String IMMUTABLE_IDS = "IdType=\"ImmutableId\"";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_JSON_BYTES = 8 << 20;
    private static final Set<String> LOST_STATE =
            Set.of("syncstatenotfound", "syncstateinvalid", "resyncrequired", "invaliddeltatoken");

    private Graph() {}

    /** GET {@code url}; the answer's JSON. {@code field} is the input field a 400/404 is about (may be null). */
    static JsonNode get(ActionContext context, String url, String field, String... prefer) {
        return call(context, "GET", url, null, field, field, prefer);
    }

    /** A JSON call: {@code body} (a record, map or node; may be null) is sent as JSON. */
    static JsonNode call(
            ActionContext context,
            String method,
            String url,
            Object body,
            String notFoundField,
            String badRequestField,
            String... prefer) {
        var response = send(context, method, url, body, prefer);
        raise(context, response, notFoundField, badRequestField);
        return parse(response);
    }

    /** Sends an authenticated request and returns the answer unchecked (see {@link #raise}). */
    static GuardedHttpClient.Response send(
            ActionContext context, String method, String url, Object body, String... prefer) {
        return send(context, method, url, body, MAX_JSON_BYTES, prefer);
    }

    /**
     * As {@link #send(ActionContext, String, String, Object, String...)}, reading at most {@code maxBytes} of the
     * answer (then {@code truncated()} is true).
     */
    static GuardedHttpClient.Response send(
            ActionContext context, String method, String url, Object body, int maxBytes, String... prefer) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Authorization", "Bearer " + context.credentials().accessToken()));
        headers.add(Map.entry("Accept", "application/json"));
        // One Prefer header per preference, as Graph's documentation writes them.
        headers.add(Map.entry("Prefer", IMMUTABLE_IDS));
        for (String p : prefer) {
            headers.add(Map.entry("Prefer", p));
        }
        byte[] bytes = null;
        if (body != null) {
            bytes = JSON.writeValueAsBytes(body);
            headers.add(Map.entry("Content-Type", "application/json"));
        }
        return context.http()
                .send(new GuardedHttpClient.Request(method, url, headers, bytes, TIMEOUT, maxBytes, true), "baseUrl");
    }

    /** The answer's JSON body (an empty object for an empty body, as sendMail's 202). */
    static JsonNode parse(GuardedHttpClient.Response response) {
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

    /**
     * Whether Graph answered that it no longer knows a delta link's sync state (410 Gone, syncStateNotFound and
     * its kin): the delta query must start again from scratch.
     */
    static boolean lostSyncState(GuardedHttpClient.Response response) {
        if (response.status() == 410) {
            return true;
        }
        String code = response.status() >= 400 ? code(response) : null;
        return code != null && LOST_STATE.contains(code.toLowerCase(Locale.ROOT));
    }

    /** Graph's error code ({@code error.code}), or null when the body has none. */
    static String code(GuardedHttpClient.Response response) {
        try {
            JsonNode code = JSON.readTree(response.body()).path("error").path("code");
            return code.isString() ? code.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** "message (code)" from Graph's error body, else the generic reading of the answer. */
    static String message(GuardedHttpClient.Response response) {
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
            // not JSON: fall back below
        }
        return ServiceErrors.message(response);
    }

    /**
     * Throws the matching connector exception for a status of 400 or more: a 404 is {@link
     * ConnectorException.NotFound} naming {@code notFoundField}, a 400 names {@code badRequestField} (either may
     * be null: then Graph's message stands alone).
     */
    /** What an input field names, for a 404's message: {@code messageId} is "the message". */
    static String named(String field) {
        return field.endsWith("Id") ? "the " + field.substring(0, field.length() - 2) : "what " + field + " names";
    }

    static void raise(
            ActionContext context, GuardedHttpClient.Response response, String notFoundField, String badRequestField) {
        int status = response.status();
        if (status < 400) {
            return;
        }
        Instant now = context.clock().instant();
        String message = message(response);
        if (status == 401) {
            throw new ConnectorException.NeedsReconnect("Microsoft Graph rejected the credentials (" + message + ")");
        }
        if (status == 429 || status == 408 || status >= 500) {
            String what = status == 429 ? "Microsoft Graph is throttling this account: " : "";
            throw new ConnectorException.Retriable(
                    status, what + message, ServiceErrors.retryAfter(response.header("retry-after"), now));
        }
        if (status == 404 && notFoundField != null) {
            throw new ConnectorException.NotFound(notFoundField, named(notFoundField));
        }
        if (status == 400 && badRequestField != null) {
            throw new ConnectorException.Permanent(status, badRequestField + " was refused: " + message);
        }
        throw new ConnectorException.Permanent(status, message);
    }

    /** A path segment or query value, percent-encoded (spaces as %20). */
    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A query string of the non-null pairs ({@code name, value, name, value...}), with its leading '?'. */
    static String query(Object... pairs) {
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

    /**
     * A link Graph gave (an {@code @odata.nextLink} or {@code @odata.deltaLink}) that the caller passes back: it
     * must point under the connection's base URL, so it cannot carry the bearer token elsewhere.
     */
    static String ownLink(ActionContext context, String link, String field) {
        String base = context.baseUrl().endsWith("/") ? context.baseUrl() : context.baseUrl() + "/";
        if (link == null || !link.startsWith(base)) {
            throw new ConnectorException.InvalidInput(
                    field, "must be a link Microsoft Graph returned (" + base + "...)");
        }
        return link;
    }

    /** Text of a JSON field, or null when absent. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    /** The string values of a JSON array field (empty when absent). */
    static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        node.path(field).forEach(v -> out.add(v.asString()));
        return out;
    }

    /** "Name <address>" or "address" of a Graph recipient ({@code {emailAddress:{name,address}}}); null if none. */
    static String recipient(JsonNode r) {
        JsonNode e = r.path("emailAddress");
        String address = text(e, "address");
        String name = text(e, "name");
        if (address == null) {
            return name;
        }
        return name == null || name.isBlank() || name.equals(address) ? address : name + " <" + address + ">";
    }

    static List<String> recipients(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        node.path(field).forEach(r -> out.add(recipient(r)));
        return out;
    }
}
