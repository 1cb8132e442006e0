package dev.atom.connectors.webhook;

import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.WebhookRefusal.Reason;
import dev.atom.connectors.WebhookTrigger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
    static final String SIGNATURE = "x-atom-signature";
    static final String TIMESTAMP = "x-atom-timestamp";
    static final String DELIVERY = "x-atom-delivery";
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
        String signatures = header(headers, SIGNATURE);
        if (signatures == null || signatures.isBlank()) {
            throw new WebhookRefusal(Reason.MISSING_SIGNATURE, "the X-Atom-Signature header is missing");
        }
        String stamp = header(headers, TIMESTAMP);
        if (stamp == null || stamp.isBlank()) {
            throw new WebhookRefusal(Reason.MISSING_TIMESTAMP, "the X-Atom-Timestamp header is missing");
        }
        if (!stamp.strip().matches("[0-9]{1,12}")) {
            throw new WebhookRefusal(Reason.MALFORMED, "X-Atom-Timestamp must be Unix seconds");
        }
        Instant at = Instant.ofEpochSecond(Long.parseLong(stamp.strip()));
        byte[] expected = sign(secret, stamp.strip(), body);
        String matched = null;
        for (String candidate : signatures.split(",")) {
            String s = candidate.strip();
            if (!s.startsWith("sha256=")) {
                continue;
            }
            byte[] given;
            try {
                given = HexFormat.of().parseHex(s.substring("sha256=".length()));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                matched = s;
            }
        }
        if (matched == null) {
            throw new WebhookRefusal(Reason.BAD_SIGNATURE, "the signature does not match the body and secret");
        }
        // checked after the signature, so an unsigned request learns nothing about the clock
        if (Duration.between(at, clock.instant()).abs().compareTo(WINDOW) > 0) {
            throw new WebhookRefusal(Reason.STALE_TIMESTAMP, "the timestamp is more than 5 minutes from now");
        }
        String delivery = header(headers, DELIVERY);
        String id = delivery != null && !delivery.isBlank() ? delivery.strip() : matched;
        if (id.length() > 200) {
            throw new WebhookRefusal(Reason.MALFORMED, "X-Atom-Delivery must be at most 200 characters");
        }
        ObjectNode payload = JSON.valueToTree(new Event(id, at.toString(), body(body)));
        return new TriggerEvent(id, at, payload);
    }

    /** HMAC-SHA256 of {@code <timestamp>.<body>} under {@code secret}; also what a sender computes. */
    static byte[] sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
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

    private static String header(Map<String, List<String>> headers, String name) {
        for (var e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().getFirst();
            }
        }
        return null;
    }
}
