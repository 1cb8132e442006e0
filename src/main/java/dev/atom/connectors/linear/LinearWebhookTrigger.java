package dev.atom.connectors.linear;

import static dev.atom.connectors.linear.LinearApi.text;

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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code linear.event}: a Linear webhook (issues, comments, projects... as ticked when it was made). Linear signs
 * the raw body with HMAC-SHA256 under the webhook's signing secret, hex in {@code Linear-Signature}, and puts
 * {@code webhookTimestamp} (Unix milliseconds) in the body: a delivery more than {@link #WINDOW} away from now is
 * refused after the signature check, as Linear's docs advise. {@code Linear-Delivery} (a UUID, repeated on
 * retries) is the de-duplication key, else a digest of the signed body.
 */
final class LinearWebhookTrigger implements WebhookTrigger {
    static final WebhookSignature SIGNATURE =
            WebhookSignature.hex("Linear-Signature", WebhookSignature.Algorithm.SHA256, "");
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;

    LinearWebhookTrigger(Clock clock) {
        this.clock = clock;
    }

    @Schema(description = "A change in Linear, as its webhook sends it")
    record Event(
            @Schema(description = "The delivery's id, the same on Linear's retries")
            String deliveryId,

            @Schema(description = "create, update or remove")
            String action,

            @Schema(description = "What changed: Issue, Comment, Project, IssueLabel, Cycle...")
            String type,

            @Schema(description = "The changed object's id") @Nullable
            String id,

            @Schema(description = "For issues: the key (ENG-123)") @Nullable
            String identifier,

            @Schema(description = "For issues: the title") @Nullable
            String title,

            @Schema(description = "For issues: the workflow state's name") @Nullable
            String state,

            @Schema(description = "For issues: the assignee's name") @Nullable
            String assignee,

            @Schema(description = "The object's page", format = "uri") @Nullable
            String url,

            @Schema(description = "The object as Linear sent it")
            JsonNode data,

            @Schema(description = "For updates: the previous values of the fields that changed") @Nullable
            JsonNode updatedFrom) {}

    @Override
    public String id() {
        return "linear.event";
    }

    @Override
    public String name() {
        return "Linear change";
    }

    @Override
    public String description() {
        return "Starts when an issue, comment or other Linear object is created, updated or removed.";
    }

    @Override
    public Class<Event> eventType() {
        return Event.class;
    }

    @Override
    public TriggerEvent verify(Map<String, List<String>> headers, byte[] body, String secret) {
        String matched = SIGNATURE.verify(headers, secret, body);
        JsonNode json;
        try {
            json = LinearApi.JSON.readTree(body);
        } catch (JacksonException e) {
            throw new WebhookRefusal(Reason.MALFORMED, "the body is not JSON");
        }
        JsonNode stamp = json.get("webhookTimestamp");
        if (stamp == null || !stamp.isNumber()) {
            throw new WebhookRefusal(Reason.MISSING_TIMESTAMP, "the body has no webhookTimestamp");
        }
        Instant at = Instant.ofEpochMilli(stamp.asLong());
        WebhookSignature.within(at, clock, WINDOW);
        String delivery = WebhookSignature.header(headers, "Linear-Delivery");
        String key = delivery != null && delivery.length() <= 100 ? delivery : "sig:" + matched;
        JsonNode data = json.path("data");
        Event e = new Event(
                key,
                json.path("action").asString(""),
                json.path("type").asString(""),
                text(data.get("id")),
                text(data.get("identifier")),
                text(data.get("title")),
                text(data.path("state").get("name")),
                text(data.path("assignee").get("name")),
                text(json.get("url")),
                data,
                json.get("updatedFrom"));
        return new TriggerEvent(key, at, LinearApi.JSON.valueToTree(e));
    }

    /** What Linear sends for {@code body} under {@code secret} (for senders and tests). */
    static String sign(String secret, String body) {
        return HexFormat.of().formatHex(SIGNATURE.sign(secret, body.getBytes(StandardCharsets.UTF_8)));
    }
}
