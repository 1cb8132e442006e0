package dev.atom.connectors.trello;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.ServiceErrors;
import dev.atom.shared.net.GuardedHttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trello's REST API, authenticated by its {@code key} and {@code token} query parameters. Trello answers
 * errors as plain text ("invalid token", "invalid id"): 401 needs reconnecting, 400 is permanent and 404 is
 * {@link ConnectorException.NotFound}, both blaming the input field the call names. Stateless.
 */
final class TrelloApi {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private TrelloApi() {}

    static JsonNode get(ActionContext ctx, String path, Map<String, String> query, String blame) {
        return call(ctx, "GET", path, query, null, blame);
    }

    static JsonNode send(ActionContext ctx, String method, String path, Map<String, ?> body, String blame) {
        return send(ctx, method, path, Map.of(), body, blame);
    }

    /** As {@link #send(ActionContext, String, String, Map, String)}, with query parameters beside the body. */
    static JsonNode send(
            ActionContext ctx,
            String method,
            String path,
            Map<String, String> query,
            Map<String, ?> body,
            String blame) {
        return call(ctx, method, path, query, JSON.writeValueAsBytes(body), blame);
    }

    static String seg(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode call(
            ActionContext ctx, String method, String path, Map<String, String> query, byte[] body, String blame) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put("key", ctx.credentials().require(TrelloConnector.API_KEY));
        q.put("token", ctx.credentials().require(TrelloConnector.TOKEN));
        StringJoiner qs = new StringJoiner("&", "?", "");
        q.forEach((k, v) -> qs.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(Map.entry("Accept", "application/json")));
        if (body != null) {
            headers.add(Map.entry("Content-Type", "application/json"));
        }
        var response = ctx.http()
                .send(
                        new GuardedHttpClient.Request(
                                method,
                                ctx.baseUrl() + path + qs,
                                headers,
                                body,
                                Duration.ofSeconds(30),
                                8 << 20,
                                false),
                        "baseUrl");
        int status = response.status();
        String text = new String(response.body(), StandardCharsets.UTF_8).strip();
        if (status == 401) {
            throw new ConnectorException.NeedsReconnect("Trello rejected the key or token (" + shortText(text) + ")");
        }
        if ((status == 400 || status == 404) && blame != null) {
            // Trello names the parameter it did not like ("invalid value for idList"): blame that field
            String field = text.contains("idList") ? "listId" : text.contains("idBoard") ? "boardId" : blame;
            if (status == 404) {
                // "listId" -> "the Trello list"
                throw new ConnectorException.NotFound(field, "the Trello " + field.replaceFirst("Id$", ""));
            }
            throw new ConnectorException.Permanent(status, field + ": Trello says " + shortText(text));
        }
        ServiceErrors.raise(response, ctx.clock().instant());
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw new ConnectorException.Retriable(status, "Trello answered something that is not JSON", null);
        }
    }

    /** Trello's plain-text error, cut short; never the request (its query holds the token). */
    private static String shortText(String text) {
        String t = text.isEmpty() ? "no message" : text;
        return t.length() > 200 ? t.substring(0, 200) : t;
    }

    static String text(JsonNode n) {
        return n != null && n.isString() && !n.asString().isEmpty() ? n.asString() : null;
    }
}
