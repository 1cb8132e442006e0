package dev.atom.connectors.linear;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.ServiceErrors;
import dev.atom.shared.net.GuardedHttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Linear's GraphQL API ({@code POST <base>/graphql}). A personal API key goes in {@code Authorization} as it is,
 * an OAuth token after {@code Bearer}. Linear answers errors as GraphQL {@code errors} (often with HTTP 400):
 * {@code AUTHENTICATION_ERROR} (or HTTP 401) needs reconnecting; {@code RATELIMITED} (or HTTP 429) is retriable
 * at {@code X-RateLimit-Requests-Reset} or Retry-After; "Entity not found" is {@link ConnectorException.NotFound}
 * for the field the call names; other {@code INVALID_INPUT} is invalid input naming the field the message
 * names. Stateless.
 */
final class LinearApi {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private LinearApi() {}

    /** What a call's ids came from: the field blamed when Linear does not find it, and the thing, for people. */
    record Blame(String field, String what, List<String> fields) {
        Blame(String field, String what) {
            this(field, what, List.of());
        }
    }

    /** Runs {@code query} with {@code variables} (nulls dropped) and returns its {@code data}. */
    static JsonNode query(ActionContext ctx, String query, Map<String, ?> variables, Blame blame) {
        Map<String, Object> vars = new LinkedHashMap<>();
        variables.forEach((k, v) -> {
            if (v != null) {
                vars.put(k, v);
            }
        });
        byte[] body = JSON.writeValueAsBytes(Map.of("query", query, "variables", vars));
        var response = ctx.http()
                .send(
                        new GuardedHttpClient.Request(
                                "POST",
                                ctx.baseUrl() + "/graphql",
                                List.of(
                                        Map.entry("Authorization", authorization(ctx)),
                                        Map.entry("Content-Type", "application/json"),
                                        Map.entry("Accept", "application/json")),
                                body,
                                Duration.ofSeconds(30),
                                8 << 20,
                                false),
                        "baseUrl");
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (JacksonException e) {
            ServiceErrors.raise(response, ctx.clock().instant());
            throw new ConnectorException.Retriable(
                    response.status(), "Linear answered something that is not JSON", null);
        }
        JsonNode errors = json.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            throw error(response, errors.get(0), blame, ctx.clock().instant());
        }
        ServiceErrors.raise(response, ctx.clock().instant());
        return json.path("data");
    }

    private static String authorization(ActionContext ctx) {
        if ("oauth2".equals(ctx.credentials().kind())) {
            return "Bearer " + ctx.credentials().bearerToken(LinearConnector.API_KEY);
        }
        return ctx.credentials().require(LinearConnector.API_KEY).strip();
    }

    private static ConnectorException error(
            GuardedHttpClient.Response response, JsonNode error, Blame blame, Instant now) {
        String code = error.path("extensions").path("code").asString("");
        String message = error.path("extensions")
                .path("userPresentableMessage")
                .asString(error.path("message").asString("Linear refused it"));
        message = message.length() > 300 ? message.substring(0, 300) : message;
        if (response.status() == 401 || code.equals("AUTHENTICATION_ERROR")) {
            return new ConnectorException.NeedsReconnect("Linear rejected the key or token (" + message + ")");
        }
        if (response.status() == 429 || code.equals("RATELIMITED")) {
            Duration after = ServiceErrors.retryAfter(response.header("retry-after"), now);
            String reset = response.header("x-ratelimit-requests-reset");
            if (after == null && reset != null && reset.strip().matches("[0-9]{1,15}")) {
                after = Duration.between(now, Instant.ofEpochMilli(Long.parseLong(reset.strip())));
                after = after.isNegative() ? Duration.ZERO : after;
            }
            return new ConnectorException.Retriable(429, "Linear's rate limit is spent (" + message + ")", after);
        }
        if (response.status() >= 500 || code.equals("INTERNAL_ERROR")) {
            return new ConnectorException.Retriable(response.status(), "Linear failed (" + message + ")", null);
        }
        if (message.toLowerCase(java.util.Locale.ROOT).contains("not found") && blame != null) {
            return new ConnectorException.NotFound(blame.field(), blame.what());
        }
        if (code.equals("INVALID_INPUT") || code.equals("BAD_USER_INPUT") || response.status() == 400) {
            String field = blame == null ? "input" : blame.field();
            if (blame != null) {
                for (String f : blame.fields()) {
                    if (message.contains(f)) {
                        field = f;
                        break;
                    }
                }
            }
            return new ConnectorException.InvalidInput(field, "Linear says " + message);
        }
        return new ConnectorException.Permanent(
                response.status() == 200 ? 422 : response.status(), "Linear says " + message);
    }

    /** The id Linear de-duplicates creates by: derived from the caller's idempotency key, else new. */
    static String idFor(ActionContext ctx, String kind) {
        return ctx.idempotencyKey()
                .map(k -> UUID.nameUUIDFromBytes((kind + ":" + k).getBytes(StandardCharsets.UTF_8)))
                .orElseGet(UUID::randomUUID)
                .toString();
    }

    static String text(JsonNode n) {
        return n != null && n.isString() && !n.asString().isEmpty() ? n.asString() : null;
    }

    /** 1-100 (Linear's page limit is 250; 50 by default). */
    static int first(Integer first) {
        return first == null ? 50 : Math.max(1, Math.min(100, first));
    }
}
