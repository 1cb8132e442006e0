package dev.atom.connectors.asana;

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
import tools.jackson.databind.node.ObjectNode;

/**
 * Asana's REST API: bodies wrapped in {@code {"data": ...}} both ways, errors as {@code {"errors":
 * [{"message"}]}}. A pasted personal access token or the OAuth access token goes in {@code Authorization:
 * Bearer}. 400 and 404 blame the input field the call names; 401 needs reconnecting; 429 and 5xx are
 * retriable with Retry-After. Stateless.
 */
final class AsanaApi {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private AsanaApi() {}

    /** A raw answer, for callers that read a status themselves (the events feed's 412). */
    static GuardedHttpClient.Response send(
            ActionContext ctx, String method, String path, Map<String, ?> query, JsonNode data) {
        StringJoiner qs = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> {
            if (v != null) {
                qs.add(k + "=" + URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
            }
        });
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(
                Map.entry("Authorization", "Bearer " + ctx.credentials().bearerToken(AsanaConnector.TOKEN)),
                Map.entry("Accept", "application/json")));
        byte[] body = null;
        if (data != null) {
            ObjectNode wrapped = JSON.createObjectNode();
            wrapped.set("data", data);
            body = JSON.writeValueAsBytes(wrapped);
            headers.add(Map.entry("Content-Type", "application/json"));
        }
        return ctx.http()
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
    }

    /** Calls and returns the whole answer ({@code data}, {@code next_page}...), or throws what the status means. */
    static JsonNode call(
            ActionContext ctx, String method, String path, Map<String, ?> query, JsonNode data, String blame) {
        var response = send(ctx, method, path, query, data);
        raise(ctx, response, blame);
        return parse(response);
    }

    static void raise(ActionContext ctx, GuardedHttpClient.Response response, String blame) {
        int status = response.status();
        if (status == 401) {
            throw new ConnectorException.NeedsReconnect(
                    "Asana rejected the token (" + ServiceErrors.message(response) + ")");
        }
        if (status == 404 && blame != null) {
            // "task" -> "the Asana task"; Asana answers 404 too for what the token may not see
            throw new ConnectorException.NotFound(blame, "the Asana " + blame);
        }
        if (status == 400 && blame != null) {
            throw new ConnectorException.Permanent(status, blame + ": Asana says " + ServiceErrors.message(response));
        }
        ServiceErrors.raise(response, ctx.clock().instant());
    }

    static JsonNode parse(GuardedHttpClient.Response response) {
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new ConnectorException.Retriable(
                    response.status(), "Asana answered something that is not JSON", null);
        }
    }

    static String seg(String gid) {
        return URLEncoder.encode(gid, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Map<String, Object> query(Object... pairs) {
        Map<String, Object> q = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            q.put((String) pairs[i], pairs[i + 1]);
        }
        return q;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v != null && v.isString() && !v.asString().isEmpty() ? v.asString() : null;
    }
}
