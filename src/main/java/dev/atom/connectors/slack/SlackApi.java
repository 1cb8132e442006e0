package dev.atom.connectors.slack;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.ServiceErrors;
import dev.atom.shared.net.GuardedHttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls one Slack Web API method. Slack answers HTTP 200 with {@code {"ok":false,"error":...}} for most
 * failures, so the error code is mapped here: dead tokens need reconnecting, rate limits and Slack's own
 * trouble are retriable, an unknown channel or user is permanent and names the input field. Stateless.
 */
final class SlackApi {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> RECONNECT =
            Set.of("invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive");
    private static final Set<String> RETRY =
            Set.of("ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout");
    /** Errors caused by one input field, by the field they blame. */
    private static final Map<String, String> FIELD_ERRORS = Map.of(
            "channel_not_found", "channel",
            "not_in_channel", "channel",
            "is_archived", "channel",
            "thread_not_found", "threadTs",
            "users_not_found", "email",
            "invalid_email", "email",
            "invalid_cursor", "cursor",
            "no_text", "text",
            "msg_too_long", "text");

    private SlackApi() {}

    /** A read method, its arguments in the query string (as the Web API's description has them). */
    static JsonNode get(ActionContext ctx, String method, Map<String, String> args) {
        String query = form(args);
        String url = ctx.baseUrl() + "/" + method + (query.isEmpty() ? "" : "?" + query);
        return call(
                ctx,
                new GuardedHttpClient.Request(
                        "GET", url, List.of(auth(ctx)), null, Duration.ofSeconds(30), 4 << 20, false));
    }

    /** A write method, its arguments as a form body. */
    static JsonNode post(ActionContext ctx, String method, Map<String, String> args) {
        var headers = List.of(auth(ctx), Map.entry("Content-Type", "application/x-www-form-urlencoded"));
        return call(
                ctx,
                new GuardedHttpClient.Request(
                        "POST",
                        ctx.baseUrl() + "/" + method,
                        headers,
                        form(args).getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(30),
                        4 << 20,
                        false));
    }

    /** The bot token: pasted as an API key, or the OAuth access token once OAuth connected it. */
    static String token(ActionContext ctx) {
        return ctx.credentials().bearerToken(SlackConnector.BOT_TOKEN);
    }

    private static Map.Entry<String, String> auth(ActionContext ctx) {
        return Map.entry("Authorization", "Bearer " + token(ctx));
    }

    private static JsonNode call(ActionContext ctx, GuardedHttpClient.Request request) {
        var response = ctx.http().checked(ctx.http().send(request, "baseUrl"));
        JsonNode body;
        try {
            body = JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new ConnectorException.Retriable(
                    response.status(), "Slack answered something that is not JSON", null);
        }
        if (body.path("ok").asBoolean(false)) {
            return body;
        }
        String error = body.path("error").asString("unknown_error");
        if (RECONNECT.contains(error)) {
            throw new ConnectorException.NeedsReconnect("Slack rejected the token (" + error + ")");
        }
        if (RETRY.contains(error)) {
            Duration after = ServiceErrors.retryAfter(
                    response.header("retry-after"), ctx.clock().instant());
            // a rate limit told in the body is still a 429 to the engine and the API
            int status = error.equals("ratelimited") ? 429 : response.status();
            throw new ConnectorException.Retriable(status, "Slack: " + error, after);
        }
        if (error.equals("missing_scope")) {
            throw new ConnectorException.Permanent(
                    response.status(),
                    "the token lacks the scope '" + body.path("needed").asString("?")
                            + "': add it to the Slack app and reconnect");
        }
        String field = FIELD_ERRORS.get(error);
        throw new ConnectorException.Permanent(
                response.status(), field == null ? "Slack: " + error : field + ": Slack says " + error);
    }

    /** Arguments as name, value pairs; null values are left out. */
    static Map<String, String> args(Object... kv) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                out.put((String) kv[i], String.valueOf(kv[i + 1]));
            }
        }
        return out;
    }

    static String form(Map<String, String> args) {
        StringJoiner out = new StringJoiner("&");
        args.forEach((k, v) -> {
            if (v != null) {
                out.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return out.toString();
    }
}
