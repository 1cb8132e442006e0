package dev.atom.connectors.notion;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.ServiceErrors;
import dev.atom.shared.net.GuardedHttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notion's REST API: bearer token (the integration's secret, or an OAuth access token once the connector
 * offers that), the {@code Notion-Version} its description documents, JSON both ways. Notion answers errors as
 * {@code {object:"error", status, code, message}}: 401 needs reconnecting; 429 ({@code rate_limited}), 409
 * ({@code conflict_error}, "try again") and 5xx are retriable, honouring Retry-After; 404 ({@code
 * object_not_found}, which is also what an id not shared with the integration gets) and 400 are permanent and
 * name the input field the call is about. Stateless.
 */
final class NotionApi {
    /** The version ../shared/api-specs/notion.json describes (the data source edition). */
    static final String VERSION = "2025-09-03";

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ID = Pattern.compile(
            "([0-9a-fA-F]{8})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})" + "-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{12})");

    private NotionApi() {}

    static JsonNode get(ActionContext ctx, String path, String blame) {
        return call(ctx, "GET", path, null, blame);
    }

    static JsonNode send(ActionContext ctx, String method, String path, Object body, String blame) {
        return call(ctx, method, path, body, blame);
    }

    private static JsonNode call(ActionContext ctx, String method, String path, Object body, String blame) {
        String token = ctx.credentials()
                .get(NotionConnector.TOKEN)
                .orElseGet(() -> ctx.credentials().accessToken());
        List<Map.Entry<String, String>> headers = new java.util.ArrayList<>(List.of(
                Map.entry("Authorization", "Bearer " + token),
                Map.entry("Notion-Version", VERSION),
                Map.entry("Accept", "application/json")));
        byte[] bytes = null;
        if (body != null) {
            bytes = JSON.writeValueAsBytes(body);
            headers.add(Map.entry("Content-Type", "application/json"));
        }
        var response = ctx.http()
                .send(
                        new GuardedHttpClient.Request(
                                method, ctx.baseUrl() + path, headers, bytes, Duration.ofSeconds(30), 8 << 20, false),
                        "baseUrl");
        raise(ctx, response, blame);
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new ConnectorException.Retriable(
                    response.status(), "Notion answered something that is not JSON", null);
        }
    }

    /** Throws the matching connector exception for an error answer. */
    static void raise(ActionContext ctx, GuardedHttpClient.Response response, String blame) {
        int status = response.status();
        if (status < 400) {
            return;
        }
        String message = ServiceErrors.message(response);
        if (status == 401) {
            throw new ConnectorException.NeedsReconnect("Notion refused the token (" + message + ")");
        }
        if (status == 409) {
            throw new ConnectorException.Retriable(
                    status,
                    "Notion reports a conflicting edit (" + message + ")",
                    ServiceErrors.retryAfter(
                            response.header("retry-after"), ctx.clock().instant()));
        }
        if (status == 404 && blame != null) {
            // Notion answers 404 too for a page or database not shared with the integration
            String what =
                    blame.endsWith("Id") ? "the " + blame.substring(0, blame.length() - 2) : "what " + blame + " names";
            throw new ConnectorException.NotFound(blame, what + " shared with the integration");
        }
        if (status == 400 && blame != null) {
            throw new ConnectorException.Permanent(status, blame + ": Notion says " + message);
        }
        ServiceErrors.raise(response, ctx.clock().instant());
    }

    /**
     * A Notion id in its dashed form, from an id with or without dashes or a Notion URL ending in one (as
     * users copy them from the browser). Throws {@link ConnectorException.InvalidInput} on {@code field}.
     */
    static String id(String value, String field) {
        if (value != null) {
            String v = value.strip();
            int query = v.indexOf('?');
            v = query < 0 ? v : v.substring(0, query);
            Matcher m = ID.matcher(v);
            String last = null;
            while (m.find()) {
                last = (m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "-" + m.group(4) + "-" + m.group(5))
                        .toLowerCase(java.util.Locale.ROOT);
                if (m.end() == v.length()) {
                    return last;
                }
            }
        }
        throw new ConnectorException.InvalidInput(field, "is not a Notion id (32 hexadecimal digits, or its URL)");
    }

    static String text(JsonNode n) {
        return n != null && n.isString() && !n.asString().isEmpty() ? n.asString() : null;
    }
}
