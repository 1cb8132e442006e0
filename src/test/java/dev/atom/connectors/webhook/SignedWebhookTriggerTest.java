package dev.atom.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.connectors.TriggerEvent;
import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.WebhookRefusal.Reason;
import dev.atom.connectors.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignedWebhookTriggerTest {
    private static final Instant NOW = Instant.parse("2026-11-24T18:00:00Z");
    private static final String SECRET = "whsec-test-secret";
    private final SignedWebhookTrigger trigger = new SignedWebhookTrigger(Clock.fixed(NOW, ZoneOffset.UTC));
    private final byte[] body = "{\"order\":42}".getBytes(StandardCharsets.UTF_8);

    static String signature(String secret, long at, byte[] body) {
        return SignedWebhookTrigger.SIGNATURE.signature(secret, WebhookSignature.bytes(at + "."), body);
    }

    private Map<String, List<String>> headers(long at, String signature, String delivery) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("x-atom-timestamp", List.of(String.valueOf(at)));
        if (signature != null) {
            h.put("x-atom-signature", List.of(signature));
        }
        if (delivery != null) {
            h.put("X-Atom-Delivery", List.of(delivery));
        }
        return h;
    }

    private Reason refusal(Map<String, List<String>> headers, byte[] body) {
        try {
            trigger.verify(headers, body, SECRET);
        } catch (WebhookRefusal e) {
            return e.reason();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void acceptsACorrectlySignedDeliveryInsideTheWindow() {
        long at = NOW.getEpochSecond() - 60;
        TriggerEvent event = trigger.verify(headers(at, signature(SECRET, at, body), "d-1"), body, SECRET);
        assertThat(event.dedupKey()).isEqualTo("d-1");
        assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(at));
        assertThat(event.payload().at("/body/order").asInt()).isEqualTo(42);
        assertThat(event.payload().get("deliveryId").asString()).isEqualTo("d-1");

        String rotated = "sha256=" + "00".repeat(32) + ", " + signature(SECRET, at, body);
        TriggerEvent noDeliveryId = trigger.verify(headers(at, rotated, null), body, SECRET);
        assertThat(noDeliveryId.dedupKey()).isEqualTo(signature(SECRET, at, body));
    }

    @Test
    void refusesPreciselyWhatIsWrong() {
        long at = NOW.getEpochSecond();
        String good = signature(SECRET, at, body);
        assertThat(refusal(headers(at, null, null), body)).isEqualTo(Reason.MISSING_SIGNATURE);
        assertThat(refusal(Map.of("x-atom-signature", List.of(good)), body)).isEqualTo(Reason.MISSING_TIMESTAMP);
        assertThat(refusal(Map.of("x-atom-signature", List.of(good), "x-atom-timestamp", List.of("soon")), body))
                .isEqualTo(Reason.MALFORMED);
        assertThat(refusal(headers(at, signature("another-secret", at, body), null), body))
                .isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(refusal(headers(at, good, null), "{\"order\":43}".getBytes(StandardCharsets.UTF_8)))
                .as("body changed")
                .isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(refusal(headers(at + 1, good, null), body))
                .as("timestamp changed")
                .isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(refusal(headers(at, "sha256=zz", null), body)).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(refusal(headers(at, "sha1=" + good.substring(7), null), body))
                .isEqualTo(Reason.BAD_SIGNATURE);
        long old = at - 301;
        assertThat(refusal(headers(old, signature(SECRET, old, body), null), body))
                .isEqualTo(Reason.STALE_TIMESTAMP);
        long future = at + 301;
        assertThat(refusal(headers(future, signature(SECRET, future, body), null), body))
                .isEqualTo(Reason.STALE_TIMESTAMP);
        assertThatThrownBy(() -> trigger.verify(headers(at, good, "x".repeat(201)), body, SECRET))
                .isInstanceOf(WebhookRefusal.class)
                .hasMessageContaining("200 characters");
    }
}
