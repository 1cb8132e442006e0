package dev.atom.connectors.trello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.connectors.TriggerEvent;
import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.WebhookRefusal.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Trello's webhook signature over body + callback URL, the action id as the key, and stale actions. */
class TrelloWebhookTriggerTest {
    static final String SECRET = "trello-app-secret";
    static final String CALLBACK = "https://atom.example.com/hooks/wf-1";
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private final TrelloWebhookTrigger trigger = new TrelloWebhookTrigger(Clock.fixed(NOW, ZoneOffset.UTC));

    /** What Trello sends, computed here apart from the connector: base64 HMAC-SHA1 of body + callback URL. */
    static String signature(String secret, byte[] body, String callback) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            mac.update(body);
            return Base64.getEncoder().encodeToString(mac.doFinal(callback.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, List<String>> headers(String signature, String callback) {
        return Map.of("x-trello-webhook", List.of(signature), TrelloWebhookTrigger.CALLBACK_URL, List.of(callback));
    }

    static byte[] moved(String actionId, Instant at) {
        return ("{\"model\":{\"id\":\"b1\"},\"action\":{\"id\":\"" + actionId + "\",\"type\":\"updateCard\",\"date\":\""
                        + at + "\",\"memberCreator\":{\"username\":\"tessa\"},\"data\":{\"card\":{\"id\":\"c1\","
                        + "\"name\":\"Fix login\"},\"listBefore\":{\"id\":\"l1\"},\"listAfter\":{\"id\":\"l2\"},"
                        + "\"board\":{\"id\":\"b1\"}}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSignedMoveIsKeyedByItsActionId() {
        byte[] body = moved("a1", NOW.minusSeconds(30));
        TriggerEvent e = trigger.verify(headers(signature(SECRET, body, CALLBACK), CALLBACK), body, SECRET);
        assertThat(e.dedupKey()).isEqualTo("a1");
        assertThat(e.payload().get("type").asString()).isEqualTo("updateCard");
        assertThat(e.payload().get("cardName").asString()).isEqualTo("Fix login");
        assertThat(e.payload().get("fromListId").asString()).isEqualTo("l1");
        assertThat(e.payload().get("listId").asString()).isEqualTo("l2");
        assertThat(e.payload().get("member").asString()).isEqualTo("tessa");
    }

    @Test
    void refusesATamperedBodyAnotherCallbackAndAWrongSecret() {
        byte[] body = moved("a2", NOW);
        String good = signature(SECRET, body, CALLBACK);
        assertReason(() -> trigger.verify(headers(good, CALLBACK), moved("a3", NOW), SECRET), Reason.BAD_SIGNATURE);
        assertReason(() -> trigger.verify(headers(good, CALLBACK + "x"), body, SECRET), Reason.BAD_SIGNATURE);
        assertReason(() -> trigger.verify(headers(good, CALLBACK), body, "other"), Reason.BAD_SIGNATURE);
        assertReason(() -> trigger.verify(headers("not base64!", CALLBACK), body, SECRET), Reason.BAD_SIGNATURE);
        assertReason(
                () -> trigger.verify(Map.of(TrelloWebhookTrigger.CALLBACK_URL, List.of(CALLBACK)), body, SECRET),
                Reason.MISSING_SIGNATURE);
        assertThatThrownBy(() -> trigger.verify(Map.of("x-trello-webhook", List.of(good)), body, SECRET))
                .as("the receiver must say where the delivery came to")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAStaleActionEvenWhenSigned() {
        byte[] old = moved("a4", NOW.minusSeconds(601));
        assertReason(
                () -> trigger.verify(headers(signature(SECRET, old, CALLBACK), CALLBACK), old, SECRET),
                Reason.STALE_TIMESTAMP);
    }

    static void assertReason(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOf(WebhookRefusal.class)
                .extracting(e -> ((WebhookRefusal) e).reason())
                .isEqualTo(reason);
    }
}
