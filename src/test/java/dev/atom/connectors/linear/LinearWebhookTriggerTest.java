package dev.atom.connectors.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.connectors.TriggerEvent;
import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.WebhookRefusal.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Linear's webhook: hex HMAC-SHA256 of the raw body in Linear-Signature, webhookTimestamp within a minute. */
class LinearWebhookTriggerTest {
    static final String SECRET = "lin_wh_secret";
    static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");
    private final LinearWebhookTrigger trigger = new LinearWebhookTrigger(Clock.fixed(NOW, ZoneOffset.UTC));

    /** Computed here apart from the connector, as Linear's docs show. */
    static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, List<String>> headers(String signature, String delivery) {
        return Map.of(
                "linear-signature",
                List.of(signature),
                "linear-delivery",
                List.of(delivery),
                "linear-event",
                List.of("Issue"));
    }

    static String issueUpdate(long millis) {
        return "{\"action\":\"update\",\"type\":\"Issue\",\"createdAt\":\"2026-12-06T04:00:00.000Z\","
                + "\"data\":{\"id\":\"9f1c\",\"identifier\":\"ENG-123\",\"title\":\"Fix login\","
                + "\"state\":{\"id\":\"s9\",\"name\":\"Done\",\"type\":\"completed\"},\"assignee\":{\"id\":\"u1\",\"name\":\"Gwen\"}},"
                + "\"updatedFrom\":{\"stateId\":\"s1\"},\"url\":\"https://linear.app/acme/issue/ENG-123\","
                + "\"webhookTimestamp\":" + millis + ",\"webhookId\":\"wh1\"}";
    }

    @Test
    void aSignedIssueUpdateIsKeyedByTheDelivery() {
        String body = issueUpdate(NOW.minusSeconds(5).toEpochMilli());
        TriggerEvent e =
                trigger.verify(headers(hmac(SECRET, body), "d-1"), body.getBytes(StandardCharsets.UTF_8), SECRET);
        assertThat(e.dedupKey()).isEqualTo("d-1");
        assertThat(e.payload().get("action").asString()).isEqualTo("update");
        assertThat(e.payload().get("type").asString()).isEqualTo("Issue");
        assertThat(e.payload().get("state").asString()).isEqualTo("Done");
        assertThat(e.payload().at("/updatedFrom/stateId").asString()).isEqualTo("s1");
    }

    @Test
    void refusesBadSignaturesStaleTimestampsAndMissingOnes() {
        String body = issueUpdate(NOW.toEpochMilli());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertReason(() -> trigger.verify(headers(hmac("other", body), "d"), bytes, SECRET), Reason.BAD_SIGNATURE);
        assertReason(
                () -> trigger.verify(
                        headers(hmac(SECRET, body), "d"),
                        body.replace("Fix", "Fax").getBytes(StandardCharsets.UTF_8),
                        SECRET),
                Reason.BAD_SIGNATURE);
        assertReason(() -> trigger.verify(Map.of(), bytes, SECRET), Reason.MISSING_SIGNATURE);
        String stale = issueUpdate(NOW.minusSeconds(120).toEpochMilli());
        assertReason(
                () -> trigger.verify(headers(hmac(SECRET, stale), "d"), stale.getBytes(StandardCharsets.UTF_8), SECRET),
                Reason.STALE_TIMESTAMP);
        String undated = body.replace("\"webhookTimestamp\":" + NOW.toEpochMilli() + ",", "");
        assertReason(
                () -> trigger.verify(
                        headers(hmac(SECRET, undated), "d"), undated.getBytes(StandardCharsets.UTF_8), SECRET),
                Reason.MISSING_TIMESTAMP);
    }

    private static void assertReason(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOf(WebhookRefusal.class)
                .extracting(e -> ((WebhookRefusal) e).reason())
                .isEqualTo(reason);
    }
}
