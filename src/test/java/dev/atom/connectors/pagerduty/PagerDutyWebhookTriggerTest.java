package dev.atom.connectors.pagerduty;

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

/** PagerDuty webhooks v3: X-PagerDuty-Signature v1=hex HMAC-SHA256 of the body, several while rotating. */
class PagerDutyWebhookTriggerTest {
    static final String SECRET = "pd-secret";
    private final PagerDutyWebhookTrigger trigger =
            new PagerDutyWebhookTrigger(Clock.fixed(Instant.parse("2026-12-06T04:00:00Z"), ZoneOffset.UTC));

    /** Computed here apart from the connector, as PagerDuty's "Verifying Signatures" page shows. */
    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, List<String>> headers(String signature) {
        return Map.of("x-pagerduty-signature", List.of(signature), "x-webhook-id", List.of("wh-1"));
    }

    static byte[] triggered(String eventId) {
        return ("{\"event\":{\"id\":\"" + eventId
                        + "\",\"event_type\":\"incident.triggered\",\"resource_type\":\"incident\","
                        + "\"occurred_at\":\"2026-12-06T03:59:50.000Z\",\"agent\":{\"summary\":\"Monitoring\"},"
                        + "\"data\":{\"id\":\"PT4KHLK\",\"type\":\"incident\",\"number\":1234,\"title\":\"The server is on fire.\","
                        + "\"status\":\"triggered\",\"urgency\":\"high\",\"html_url\":\"https://acme.pagerduty.com/incidents/PT4KHLK\","
                        + "\"service\":{\"id\":\"PIJ90N7\",\"summary\":\"My Mail Service\"},"
                        + "\"assignees\":[{\"id\":\"PXPGF42\",\"summary\":\"Earline Greenholt\"}]}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSignedIncidentEventIsKeyedByItsId() {
        byte[] body = triggered("01DEN1");
        TriggerEvent e = trigger.verify(headers(sign(SECRET, body)), body, SECRET);
        assertThat(e.dedupKey()).isEqualTo("01DEN1");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-12-06T03:59:50Z"));
        assertThat(e.payload().at("/incident/number").asLong()).isEqualTo(1234);
        assertThat(e.payload().at("/incident/assignees/0").asString()).isEqualTo("Earline Greenholt");
        assertThat(e.payload().get("agent").asString()).isEqualTo("Monitoring");
    }

    @Test
    void anyOfSeveralSignaturesPassesWhileASecretIsRotated() {
        byte[] body = triggered("01DEN2");
        String both = sign("old-secret", body) + "," + sign(SECRET, body);
        assertThat(trigger.verify(headers(both), body, SECRET).dedupKey()).isEqualTo("01DEN2");
    }

    @Test
    void refusesBadAndMissingSignatures() {
        byte[] body = triggered("01DEN3");
        assertReason(() -> trigger.verify(headers(sign("other", body)), body, SECRET), Reason.BAD_SIGNATURE);
        assertReason(
                () -> trigger.verify(headers(sign(SECRET, body).replace("v1=", "v0=")), body, SECRET),
                Reason.BAD_SIGNATURE);
        assertReason(
                () -> trigger.verify(headers(sign(SECRET, body)), triggered("01DEN4"), SECRET), Reason.BAD_SIGNATURE);
        assertReason(() -> trigger.verify(Map.of(), body, SECRET), Reason.MISSING_SIGNATURE);
    }

    private static void assertReason(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOf(WebhookRefusal.class)
                .extracting(e -> ((WebhookRefusal) e).reason())
                .isEqualTo(reason);
    }
}
