package dev.atom.connectors.slack;

import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.WebhookRefusal.Reason;
import dev.atom.connectors.WebhookSignature;
import dev.atom.connectors.WebhookTrigger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code slack.event_received}: Slack's Events API. Slack signs {@code v0:<timestamp>:<body>} with
 * HMAC-SHA256 under the app's signing secret ({@code X-Slack-Signature: v0=<hex>}, {@code
 * X-Slack-Request-Timestamp}); signatures are compared in constant time and a timestamp more than 5 minutes
 * off is refused. The event's {@code event_id} is the delivery id, so Slack's retries are de-duplicated. A
 * {@code url_verification} request yields an event whose {@code challenge} the receiver must echo back.
 */
final class SlackEventsTrigger implements WebhookTrigger {
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final String TIMESTAMP = "X-Slack-Request-Timestamp";
    /** {@code v0=} hex of HMAC-SHA256 over {@code v0:<timestamp>:<body>}. */
    static final WebhookSignature SIGNATURE =
            WebhookSignature.hex("X-Slack-Signature", WebhookSignature.Algorithm.SHA256, "v0=");

    private final Clock clock;

    SlackEventsTrigger(Clock clock) {
        this.clock = clock;
    }

    @Schema(description = "A Slack Events API delivery")
    record Event(
            @Schema(description = "event_callback, or url_verification when Slack checks the URL")
            String type,

            @Schema(description = "The event's id, unique per event (Slack's retries repeat it)") @Nullable
            String eventId,

            @Schema(description = "The Slack workspace (team) id") @Nullable
            String teamId,

            @Schema(description = "The inner event's type: message, app_mention, reaction_added...") @Nullable
            String eventType,

            @Schema(description = "The inner event as Slack sent it") @Nullable
            JsonNode event,

            @Schema(description = "For url_verification: the value to answer with") @Nullable
            String challenge) {}

    @Override
    public String id() {
        return "slack.event_received";
    }

    @Override
    public String name() {
        return "Slack event";
    }

    @Override
    public String description() {
        return "Starts when Slack's Events API delivers an event (a message, a mention, a reaction...).";
    }

    @Override
    public Class<Event> eventType() {
        return Event.class;
    }

    @Override
    public TriggerEvent verify(Map<String, List<String>> headers, byte[] body, String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a signing secret must not be empty");
        }
        Instant at = WebhookSignature.unixSeconds(headers, TIMESTAMP);
        String stamp = WebhookSignature.header(headers, TIMESTAMP);
        SIGNATURE.verify(headers, secret, WebhookSignature.bytes("v0:" + stamp + ":"), body);
        WebhookSignature.within(at, clock, WINDOW);
        JsonNode json;
        try {
            json = SlackApi.JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new WebhookRefusal(Reason.MALFORMED, "the body is not JSON");
        }
        String type = json.path("type").asString("");
        if (type.equals("url_verification")) {
            String challenge = json.path("challenge").asString("");
            Event e = new Event(type, null, null, null, null, challenge);
            return new TriggerEvent("url_verification:" + stamp + ":" + challenge, at, SlackApi.JSON.valueToTree(e));
        }
        String eventId = json.path("event_id").asString("");
        if (eventId.isEmpty() || eventId.length() > 200) {
            throw new WebhookRefusal(Reason.MALFORMED, "event_id is missing");
        }
        JsonNode inner = json.get("event");
        Event e = new Event(
                type,
                eventId,
                SlackDirectory.text(json.path("team_id")),
                inner == null ? null : SlackDirectory.text(inner.path("type")),
                inner,
                null);
        return new TriggerEvent(eventId, at, SlackApi.JSON.valueToTree(e));
    }
}
