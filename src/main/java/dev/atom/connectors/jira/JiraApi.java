package dev.atom.connectors.jira;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.ServiceErrors;
import dev.atom.shared.cache.ExpiringCache;
import dev.atom.shared.net.GuardedHttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jira's REST API v3 for one connection: where it lives (the site the user typed, or for OAuth 3LO
 * {@code <ATOM_JIRA_BASE_URL>/ex/jira/<cloudid>} of the first site the account granted, looked up once an hour
 * per connection) and how to sign in (basic e-mail + API token, a Data Center bearer token, or the OAuth
 * access token). Errors: Jira's {@code errorMessages} and {@code errors} per field. Thread-safe.
 */
final class JiraApi {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private final ExpiringCache<String, CloudSite> cloudSites;

    /** The Jira Cloud site an OAuth connection reaches: its cloud id and its address. */
    private record CloudSite(String id, String url) {}

    JiraApi(Clock clock) {
        this.cloudSites = new ExpiringCache<>(Duration.ofHours(1), 10_000, clock);
    }

    /** The REST root of the connection's Jira, without a trailing slash. */
    String base(ActionContext ctx) {
        if ("oauth2".equals(ctx.credentials().kind())) {
            return ctx.baseUrl() + "/ex/jira/" + seg(cloudSite(ctx).id());
        }
        return site(ctx);
    }

    /** Where people open the connection's issues ({@code <browse>/browse/ABC-1}). */
    String browse(ActionContext ctx) {
        return "oauth2".equals(ctx.credentials().kind()) ? cloudSite(ctx).url() : site(ctx);
    }

    private static String site(ActionContext ctx) {
        return ctx.credentials().require(JiraConnector.SITE).strip().replaceAll("/+$", "");
    }

    private CloudSite cloudSite(ActionContext ctx) {
        return cloudSites.computeIfAbsent(ctx.connection().id(), k -> lookUpCloudSite(ctx));
    }

    private static CloudSite lookUpCloudSite(ActionContext ctx) {
        var response = send(ctx, "GET", ctx.baseUrl() + "/oauth/token/accessible-resources", null);
        raise(ctx, response, null);
        for (JsonNode site : parse(response)) {
            String id = site.path("id").asString("");
            if (!id.isEmpty()) {
                return new CloudSite(id, site.path("url").asString("").replaceAll("/+$", ""));
            }
        }
        throw new ConnectorException.NeedsReconnect("the Atlassian account gave Atom access to no Jira site");
    }

    /** Calls {@code path} under the connection's Jira and returns the answer, or throws what its status means. */
    JsonNode call(
            ActionContext ctx,
            String method,
            String path,
            Map<String, String> query,
            Object body,
            Map<String, String> blame) {
        StringJoiner qs = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> {
            if (v != null) {
                qs.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        var response = send(ctx, method, base(ctx) + path + qs, body == null ? null : JSON.writeValueAsBytes(body));
        raise(ctx, response, blame);
        return response.status() == 204 || response.body().length == 0 ? JSON.createObjectNode() : parse(response);
    }

    private static GuardedHttpClient.Response send(ActionContext ctx, String method, String url, byte[] body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(
                List.of(Map.entry("Authorization", authorization(ctx)), Map.entry("Accept", "application/json")));
        if (body != null) {
            headers.add(Map.entry("Content-Type", "application/json"));
        }
        return ctx.http()
                .send(
                        new GuardedHttpClient.Request(
                                method, url, headers, body, Duration.ofSeconds(30), 8 << 20, false),
                        JiraConnector.SITE);
    }

    private static String authorization(ActionContext ctx) {
        var c = ctx.credentials();
        return switch (c.kind()) {
            case "basic" ->
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (c.require(JiraConnector.EMAIL) + ":" + c.require(JiraConnector.API_TOKEN))
                                                .getBytes(StandardCharsets.UTF_8));
            case "oauth2" -> "Bearer " + c.accessToken();
            default -> "Bearer " + c.require(JiraConnector.TOKEN);
        };
    }

    /**
     * 401 needs reconnecting; 400 is permanent and names our input field for each Jira field it blames ({@code
     * blame} maps Jira's names to ours), 404 is {@link ConnectorException.NotFound} naming {@code blame.get("")};
     * 429 and 5xx retriable.
     */
    static void raise(ActionContext ctx, GuardedHttpClient.Response response, Map<String, String> blame) {
        int status = response.status();
        if (status == 401) {
            throw new ConnectorException.NeedsReconnect(
                    "Jira rejected the credentials (" + message(response, null) + ")");
        }
        if (status == 404 && blame != null) {
            // the field naming what the call is about ("issue"); Jira answers 404 too for what the account may not see
            String field = blame.get("");
            throw new ConnectorException.NotFound(
                    field, "the Jira " + (field == null ? "item" : field) + " (or one the account may not see)");
        }
        if (status == 400 && blame != null) {
            throw new ConnectorException.Permanent(status, message(response, blame));
        }
        ServiceErrors.raise(response, ctx.clock().instant());
    }

    /** Jira's messages, each field error as {@code ourField: message}. */
    static String message(GuardedHttpClient.Response response, Map<String, String> blame) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JacksonException e) {
            return ServiceErrors.message(response);
        }
        List<String> parts = new ArrayList<>();
        body.path("errorMessages").forEach(m -> parts.add(m.asString()));
        body.path("errors").properties().forEach(e -> {
            String field = blame == null ? e.getKey() : blame.getOrDefault(e.getKey(), e.getKey());
            parts.add(field + ": " + e.getValue().asString());
        });
        if (parts.isEmpty()) {
            return ServiceErrors.message(response);
        }
        String joined = String.join("; ", parts);
        if (blame != null && blame.containsKey("") && body.path("errors").isEmpty()) {
            joined = blame.get("") + ": " + joined; // a message about the thing the call names
        }
        return joined.length() > 500 ? joined.substring(0, 500) : joined;
    }

    static JsonNode parse(GuardedHttpClient.Response response) {
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new ConnectorException.Retriable(response.status(), "Jira answered something that is not JSON", null);
        }
    }

    static String seg(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An issue key (ABC-123) or id (10001): it goes into a URL path. */
    static String issue(String value, String field) {
        if (value == null || !value.strip().matches("[A-Za-z][A-Za-z0-9_]{0,49}-[0-9]{1,12}|[0-9]{1,18}")) {
            throw new ConnectorException.InvalidInput(field, "must be an issue key like ABC-123 or a numeric id");
        }
        return value.strip();
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v != null && v.isString() && !v.asString().isEmpty() ? v.asString() : null;
    }
}
