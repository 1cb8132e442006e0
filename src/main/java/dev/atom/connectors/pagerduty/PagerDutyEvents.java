package dev.atom.connectors.pagerduty;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import dev.atom.connectors.ServiceErrors;
import dev.atom.shared.net.GuardedHttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code pagerduty.send_event}: an alert through the Events API v2 ({@code POST <events>/enqueue}) with an
 * integration's routing key, which needs no user token: trigger, acknowledge or resolve by {@code dedup_key}. A
 * trigger without a dedup key gets the caller's idempotency key, so a retried step updates the same alert.
 */
final class PagerDutyEvents {
    private PagerDutyEvents() {}

    enum EventAction {
        trigger,
        acknowledge,
        resolve
    }

    enum Severity {
        critical,
        error,
        warning,
        info
    }

    @Schema(description = "An alert event")
    record Input(
            @Schema(description = "trigger, acknowledge or resolve")
            EventAction action,

            @Schema(description = "What is wrong (for trigger)", maxLength = 1024) @Nullable
            String summary,

            @Schema(description = "Where it happens: host, service or URL (for trigger)") @Nullable
            String source,

            @Schema(description = "critical, error, warning or info (for trigger; default error)") @Nullable
            Severity severity,

            @Schema(description = "The alert to update (required for acknowledge and resolve)") @Nullable
            String dedupKey,

            @Schema(description = "The integration's routing key, when the connection has none") @Nullable
            String routingKey,

            @Schema(description = "Extra details (for trigger)") @Nullable
            Map<String, Object> details) {}

    @Schema(description = "What the Events API said")
    record Result(
            @Schema(description = "success") String status,

            @Schema(description = "The alert's dedup key (use it to acknowledge or resolve)") @Nullable
            String dedupKey,

            @Schema(description = "PagerDuty's message") @Nullable
            String message) {}

    static Action<Input, Result> action(String eventsUrl) {
        return BaseAction.write(
                        "pagerduty.send_event",
                        "Send an alert event",
                        "Triggers, acknowledges or resolves a PagerDuty alert through an Events API v2 integration.",
                        Input.class,
                        Result.class,
                        Idempotency.KEY,
                        (ctx, in) -> send(ctx, eventsUrl, in))
                .reachingPeople();
    }

    private static Result send(ActionContext ctx, String eventsUrl, Input in) {
        String routingKey = in.routingKey() != null && !in.routingKey().isBlank()
                ? in.routingKey().strip()
                : ctx.credentials().get(PagerDutyConnector.ROUTING_KEY).orElse(null);
        if (routingKey == null || routingKey.isBlank()) {
            throw new ConnectorException.InvalidInput("routingKey", "give the Events API v2 integration's routing key");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", routingKey);
        body.put("event_action", in.action().name());
        String dedup =
                in.dedupKey() != null ? in.dedupKey() : ctx.idempotencyKey().orElse(null);
        if (in.action() == EventAction.trigger) {
            if (in.summary() == null || in.summary().isBlank()) {
                throw new ConnectorException.InvalidInput("summary", "a trigger needs a summary");
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("summary", in.summary());
            payload.put("source", in.source() == null ? "Atom" : in.source());
            payload.put(
                    "severity", in.severity() == null ? "error" : in.severity().name());
            if (in.details() != null) {
                payload.put("custom_details", in.details());
            }
            body.put("payload", payload);
            body.put("client", "Atom");
        } else if (in.dedupKey() == null) {
            throw new ConnectorException.InvalidInput("dedupKey", "acknowledge and resolve need the alert's dedup key");
        }
        if (dedup != null) {
            body.put("dedup_key", dedup);
        }
        var response = ctx.http()
                .send(
                        new GuardedHttpClient.Request(
                                "POST",
                                eventsUrl + "/enqueue",
                                List.of(Map.entry("Content-Type", "application/json")),
                                PagerDutyApi.JSON.writeValueAsBytes(body),
                                Duration.ofSeconds(30),
                                1 << 20,
                                false),
                        "routingKey");
        JsonNode json;
        try {
            json = PagerDutyApi.JSON.readTree(response.body());
        } catch (JacksonException e) {
            json = PagerDutyApi.JSON.nullNode();
        }
        if (response.status() == 400) {
            List<String> errors = new ArrayList<>();
            json.path("errors").forEach(e -> errors.add(e.asString("")));
            String message =
                    errors.isEmpty() ? json.path("message").asString("invalid event") : String.join(" ", errors);
            String field = message.contains("routing_key")
                    ? "routingKey"
                    : message.contains("dedup_key")
                            ? "dedupKey"
                            : message.contains("severity")
                                    ? "severity"
                                    : message.contains("source") ? "source" : "summary";
            throw new ConnectorException.InvalidInput(field, "PagerDuty says " + message);
        }
        ServiceErrors.raise(response, ctx.clock().instant());
        return new Result(
                json.path("status").asString("success"),
                PagerDutyApi.text(json.get("dedup_key")),
                PagerDutyApi.text(json.get("message")));
    }
}
