package dev.atom.connectors.pagerduty;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.ServiceErrors;
import dev.atom.shared.net.GuardedHttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PagerDuty's REST API v2 with the headers its description requires on every call: {@code Accept:
 * application/vnd.pagerduty+json;version=2}, {@code Content-Type: application/json}, {@code Authorization: Token
 * token=<key>} (an OAuth token goes after {@code Bearer}), and on writes {@code From} (a user's e-mail). Errors
 * ({@code {"error":{"message","code","errors":[...]}}}): 401 needs reconnecting; 429 and 5xx retriable
 * (Retry-After, else {@code ratelimit-reset} seconds); 404 {@link ConnectorException.NotFound} naming the field the
 * call names; 400 invalid input naming the field PagerDuty's message names. Stateless.
 */
final class PagerDutyApi {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ACCEPT = "application/vnd.pagerduty+json;version=2";

    private PagerDutyApi() {}

    /** The input field blamed for a 404, the thing for people, and the fields PagerDuty's 400s may name. */
    record Blame(String field, String what, Map<String, String> fields) {
        Blame(String field, String what) {
            this(field, what, Map.of());
        }
    }

    static JsonNode get(ActionContext ctx, String path, List<Map.Entry<String, String>> query, Blame blame) {
        return call(ctx, "GET", path + query(query), null, null, blame);
    }

    static JsonNode send(ActionContext ctx, String method, String path, Object body, Blame blame) {
        return call(ctx, method, path, JSON.writeValueAsBytes(body), from(ctx), blame);
    }

    static String seg(String value) {
        return URLEncoder.encode(value.strip(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The e-mail PagerDuty records writes under: the one given with an API key, else the OAuth user's own. */
    static String from(ActionContext ctx) {
        return ctx.credentials()
                .get(PagerDutyConnector.FROM)
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .orElseGet(() -> me(ctx).path("email").asString(""));
    }

    static JsonNode me(ActionContext ctx) {
        return get(ctx, "/users/me", List.of(), null).path("user");
    }

    private static JsonNode call(
            ActionContext ctx, String method, String pathAndQuery, byte[] body, String from, Blame blame) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(
                Map.entry("Authorization", authorization(ctx)),
                Map.entry("Accept", ACCEPT),
                Map.entry("Content-Type", "application/json")));
        if (from != null) {
            headers.add(Map.entry("From", from));
        }
        var response = ctx.http()
                .send(
                        new GuardedHttpClient.Request(
                                method,
                                ctx.baseUrl() + pathAndQuery,
                                headers,
                                body,
                                Duration.ofSeconds(30),
                                8 << 20,
                                false),
                        "baseUrl");
        raise(response, blame, ctx);
        if (response.body().length == 0) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new ConnectorException.Retriable(
                    response.status(), "PagerDuty answered something that is not JSON", null);
        }
    }

    private static String authorization(ActionContext ctx) {
        if ("oauth2".equals(ctx.credentials().kind())) {
            return "Bearer " + ctx.credentials().bearerToken(PagerDutyConnector.TOKEN);
        }
        return "Token token="
                + ctx.credentials().require(PagerDutyConnector.TOKEN).strip();
    }

    private static void raise(GuardedHttpClient.Response response, Blame blame, ActionContext ctx) {
        int status = response.status();
        if (status == 404 && blame != null) {
            throw new ConnectorException.NotFound(blame.field(), blame.what());
        }
        if (status == 429 && response.header("retry-after") == null) {
            String reset = response.header("ratelimit-reset");
            Duration after = reset != null && reset.strip().matches("[0-9]{1,9}")
                    ? Duration.ofSeconds(Long.parseLong(reset.strip()))
                    : null;
            throw new ConnectorException.Retriable(429, "PagerDuty's rate limit is spent", after);
        }
        if (status == 400) {
            throw invalid(response, blame);
        }
        ServiceErrors.raise(response, ctx.clock().instant());
    }

    /** PagerDuty's "Invalid Input Provided" with its {@code errors} sentences ("Title cannot be empty."). */
    private static ConnectorException invalid(GuardedHttpClient.Response response, Blame blame) {
        String message;
        try {
            JsonNode error = JSON.readTree(response.body()).path("error");
            List<String> details = new ArrayList<>();
            error.path("errors").forEach(e -> details.add(e.asString("")));
            message = details.isEmpty() ? error.path("message").asString("HTTP 400") : String.join(" ", details);
        } catch (JacksonException e) {
            message = "HTTP 400";
        }
        message = message.length() > 300 ? message.substring(0, 300) : message;
        String field = blame == null ? "input" : blame.field();
        if (blame != null) {
            String lower = message.toLowerCase(Locale.ROOT);
            for (var f : blame.fields().entrySet()) {
                if (lower.contains(f.getKey())) {
                    field = f.getValue();
                    break;
                }
            }
        }
        return new ConnectorException.InvalidInput(field, "PagerDuty says " + message);
    }

    private static String query(List<Map.Entry<String, String>> args) {
        StringBuilder out = new StringBuilder();
        for (var e : args) {
            if (e.getValue() != null) {
                out.append(out.isEmpty() ? '?' : '&')
                        .append(e.getKey())
                        .append('=')
                        .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }

    static String text(JsonNode n) {
        return n != null && n.isString() && !n.asString().isEmpty() ? n.asString() : null;
    }
}
