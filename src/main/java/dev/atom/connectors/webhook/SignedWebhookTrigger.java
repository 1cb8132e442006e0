package dev.atom.connectors.webhook;

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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code webhook.received}: the sender signs {@code <timestamp>.<body>} with HMAC-SHA256 under the shared
 * secret and sends {@code X-Atom-Timestamp} (Unix seconds), {@code X-Atom-Signature: sha256=<hex>} (several,
 * comma-separated, while a secret is rotated) and optionally {@code X-Atom-Delivery} (its delivery id; else
 * the signature is the id). Signatures are compared in constant time; a timestamp more than {@link #WINDOW}
 * away from now is refused, so a captured delivery cannot be replayed later, and the receiver refuses a
 * delivery id seen before. Stateless and thread-safe.
 */
final class SignedWebhookTrigger implements WebhookTrigger {
    static final Duration WINDOW = Duration.ofMinutes(5);
    /** {@code sha256=} hex of HMAC-SHA256 over {@code <timestamp>.<body>}, several while a secret is rotated. */
    static final WebhookSignature SIGNATURE =
            WebhookSignature.hex("X-Atom-Signature", WebhookSignature.Algorithm.SHA256, "sha256=");

    static final String TIMESTAMP = "X-Atom-Timestamp";
    static final String DELIVERY = "X-Atom-Delivery";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Clock clock;

    SignedWebhookTrigger(Clock clock) {
        this.clock = clock;
    }

    record Event(
            @Schema(description = "The delivery id (X-Atom-Delivery, or the signature)")
            String deliveryId,

            @Schema(description = "When the sender signed it", format = "date-time")
            String timestamp,

            @Schema(description = "The body: parsed when it is JSON, else text") @Nullable
            JsonNode body) {}

    @Override
    public String id() {
        return "webhook.received";
    }

    @Override
    public String name() {
        return "Webhook received";
    }

    @Override
    public String description() {
        return "Starts when a signed HTTP request arrives at the workflow's webhook URL.";
    }

    @Override
    public Class<Event> eventType() {
        return Event.class;
    }

    @Override
    public TriggerEvent verify(Map<String, List<String>> headers, byte[] body, String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException(
                    "a webhook secret must not be empty"); // a caller's bug, not the sender's
        }
        Instant at = WebhookSignature.unixSeconds(headers, TIMESTAMP);
        String stamp = WebhookSignature.header(headers, TIMESTAMP);
        String matched = SIGNATURE.verify(headers, secret, WebhookSignature.bytes(stamp + "."), body);
        // after the signature, so an unsigned request learns nothing about the clock
        WebhookSignature.within(at, clock, WINDOW);
        String delivery = WebhookSignature.header(headers, DELIVERY);
        String id = delivery != null ? delivery : matched;
        if (id.length() > 200) {
            throw new WebhookRefusal(Reason.MALFORMED, "X-Atom-Delivery must be at most 200 characters");
        }
        ObjectNode payload = JSON.valueToTree(new Event(id, at.toString(), body(body)));
        return new TriggerEvent(id, at, payload);
    }

    private static JsonNode body(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            return JSON.getNodeFactory().stringNode(text);
        }
    }
}
