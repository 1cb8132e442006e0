package dev.atom.connectors.slack;

import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.WebhookRefusal.Reason;
import dev.atom.connectors.WebhookTrigger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
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

/**
 * {@code slack.event_received}: Slack's Events API. Slack signs {@code v0:<timestamp>:<body>} with
 * HMAC-SHA256 under the app's signing secret ({@code X-Slack-Signature: v0=<hex>}, {@code
 * X-Slack-Request-Timestamp}); signatures are compared in constant time and a timestamp more than 5 minutes
 * off is refused. The event's {@code event_id} is the delivery id, so Slack's retries are de-duplicated. A
 * {@code url_verification} request yields an event whose {@code challenge} the receiver must echo back.
 */
final class SlackEventsTrigger implements WebhookTrigger {
    static final Duration WINDOW = Duration.ofMinutes(5);
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
        String signature = header(headers, "x-slack-signature");
        if (signature == null || signature.isBlank()) {
            throw new WebhookRefusal(Reason.MISSING_SIGNATURE, "the X-Slack-Signature header is missing");
        }
        String stamp = header(headers, "x-slack-request-timestamp");
        if (stamp == null || stamp.isBlank()) {
            throw new WebhookRefusal(Reason.MISSING_TIMESTAMP, "the X-Slack-Request-Timestamp header is missing");
        }
        stamp = stamp.strip();
        if (!stamp.matches("[0-9]{1,12}")) {
            throw new WebhookRefusal(Reason.MALFORMED, "X-Slack-Request-Timestamp must be Unix seconds");
        }
        byte[] given;
        try {
            String s = signature.strip();
            given = s.startsWith("v0=") ? HexFormat.of().parseHex(s.substring(3)) : new byte[0];
        } catch (IllegalArgumentException e) {
            given = new byte[0];
        }
        if (!MessageDigest.isEqual(sign(secret, stamp, body), given)) {
            throw new WebhookRefusal(Reason.BAD_SIGNATURE, "the signature does not match the body and secret");
        }
        Instant at = Instant.ofEpochSecond(Long.parseLong(stamp));
        if (Duration.between(at, clock.instant()).abs().compareTo(WINDOW) > 0) {
            throw new WebhookRefusal(Reason.STALE_TIMESTAMP, "the timestamp is more than 5 minutes from now");
        }
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

    /** {@code v0=} hex of HMAC-SHA256 over {@code v0:<timestamp>:<body>}; also what Slack computes. */
    static byte[] sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
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
