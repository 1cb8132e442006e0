package dev.atom.connectors.pagerduty;

import static dev.atom.connectors.pagerduty.PagerDutyApi.text;

import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.WebhookRefusal.Reason;
import dev.atom.connectors.WebhookSignature;
import dev.atom.connectors.WebhookTrigger;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code pagerduty.incident_event}: a PagerDuty webhook subscription (v3). PagerDuty signs the raw body with
 * HMAC-SHA256 under the subscription's secret and sends {@code X-PagerDuty-Signature: v1=<hex>}, several
 * comma-separated while a secret is rotated: any one matching passes. The event's own {@code id} is the
 * de-duplication key (PagerDuty repeats it on retries); v3 signs no timestamp header.
 */
final class PagerDutyWebhookTrigger implements WebhookTrigger {
    static final WebhookSignature SIGNATURE =
            WebhookSignature.hex("X-PagerDuty-Signature", WebhookSignature.Algorithm.SHA256, "v1=");

    private final Clock clock;

    PagerDutyWebhookTrigger(Clock clock) {
        this.clock = clock;
    }

    @Schema(description = "An event of a PagerDuty webhook subscription")
    record Event(
            @Schema(description = "The event's id, the same on retries")
            String eventId,

            @Schema(description = "incident.triggered, incident.acknowledged, incident.resolved, incident.annotated...")
            String eventType,

            @Schema(description = "incident or service") String resourceType,

            @Schema(description = "When it happened", format = "date-time") @Nullable
            String occurredAt,

            @Schema(description = "Who did it (a user's or integration's summary)") @Nullable
            String agent,

            @Schema(description = "The incident, for incident events") @Nullable
            PagerDutyIncident incident,

            @Schema(description = "The event's data as PagerDuty sent it")
            JsonNode data) {}

    @Override
    public String id() {
        return "pagerduty.incident_event";
    }

    @Override
    public String name() {
        return "PagerDuty incident event";
    }

    @Override
    public String description() {
        return "Starts when a PagerDuty incident is triggered, acknowledged, resolved, reassigned or annotated.";
    }

    @Override
    public Class<Event> eventType() {
        return Event.class;
    }

    @Override
    public TriggerEvent verify(Map<String, List<String>> headers, byte[] body, String secret) {
        SIGNATURE.verify(headers, secret, body);
        JsonNode event;
        try {
            event = PagerDutyApi.JSON.readTree(body).path("event");
        } catch (JacksonException e) {
            throw new WebhookRefusal(Reason.MALFORMED, "the body is not JSON");
        }
        String id = text(event.get("id"));
        if (id == null || id.length() > 100) {
            throw new WebhookRefusal(Reason.MALFORMED, "the event has no id");
        }
        String type = event.path("resource_type").asString("");
        JsonNode data = event.path("data");
        String occurred = text(event.get("occurred_at"));
        Instant at = clock.instant();
        if (occurred != null) {
            try {
                at = Instant.parse(occurred);
            } catch (DateTimeParseException e) {
                throw new WebhookRefusal(Reason.MALFORMED, "occurred_at is not a time");
            }
        }
        Event e = new Event(
                id,
                event.path("event_type").asString(""),
                type,
                occurred,
                text(event.path("agent").get("summary")),
                type.equals("incident") && data.isObject() ? PagerDutyIncident.of(data) : null,
                data);
        return new TriggerEvent(id, at, PagerDutyApi.JSON.valueToTree(e));
    }
}
