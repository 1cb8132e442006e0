package dev.atom.connectors.slack;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Slack's request signing, with the example from Slack's documentation and hostile variations. */
class SlackEventsTriggerTest {
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    private final SlackEventsTrigger trigger = new SlackEventsTrigger(Clock.fixed(NOW, ZoneOffset.UTC));

    static String signature(String secret, long at, byte[] body) {
        return SlackEventsTrigger.SIGNATURE.signature(secret, WebhookSignature.bytes("v0:" + at + ":"), body);
    }

    static Map<String, List<String>> headers(String signature, long at) {
        return Map.of(
                "x-slack-signature", List.of(signature), "x-slack-request-timestamp", List.of(String.valueOf(at)));
    }

    static byte[] event(String id) {
        return ("{\"token\":\"x\",\"team_id\":\"T1\",\"type\":\"event_callback\",\"event_id\":\"" + id
                        + "\",\"event\":{\"type\":\"app_mention\",\"text\":\"<@U1> hi\",\"channel\":\"C1\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signsAsSlacksDocumentedExample() {
        // https://api.slack.com/authentication/verifying-requests-from-slack
        byte[] body = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                        + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect"
                        + "&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554"
                        + "%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(signature(SECRET, 1531420618L, body))
                .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    }

    @Test
    void aValidEventIsKeyedByItsEventId() {
        byte[] body = event("Ev01");
        TriggerEvent e = trigger.verify(
                headers(signature(SECRET, NOW.getEpochSecond() - 60, body), NOW.getEpochSecond() - 60), body, SECRET);
        assertThat(e.dedupKey()).isEqualTo("Ev01");
        assertThat(e.payload().get("eventType").asString()).isEqualTo("app_mention");
        assertThat(e.payload().get("teamId").asString()).isEqualTo("T1");
        assertThat(e.payload().at("/event/channel").asString()).isEqualTo("C1");
    }

    @Test
    void answersTheUrlVerificationChallenge() {
        byte[] body =
                "{\"token\":\"x\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}"
                        .getBytes(StandardCharsets.UTF_8);
        TriggerEvent e = trigger.verify(
                headers(signature(SECRET, NOW.getEpochSecond(), body), NOW.getEpochSecond()), body, SECRET);
        assertThat(e.payload().get("type").asString()).isEqualTo("url_verification");
        assertThat(e.payload().get("challenge").asString())
                .isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    @Test
    void refusesATamperedBodyAWrongSecretAndGarbage() {
        long at = NOW.getEpochSecond();
        byte[] body = event("Ev02");
        String good = signature(SECRET, at, body);
        byte[] tampered = event("Ev03");
        assertReason(() -> trigger.verify(headers(good, at), tampered, SECRET), Reason.BAD_SIGNATURE);
        assertReason(() -> trigger.verify(headers(good, at), body, "another-secret"), Reason.BAD_SIGNATURE);
        assertReason(() -> trigger.verify(headers(good, at + 1), body, SECRET), Reason.BAD_SIGNATURE);
        assertReason(() -> trigger.verify(headers("v0=zz", at), body, SECRET), Reason.BAD_SIGNATURE);
        assertReason(() -> trigger.verify(headers(good.substring(3), at), body, SECRET), Reason.BAD_SIGNATURE);
        assertReason(
                () -> trigger.verify(Map.of("x-slack-request-timestamp", List.of("1")), body, SECRET),
                Reason.MISSING_SIGNATURE);
        assertReason(
                () -> trigger.verify(Map.of("x-slack-signature", List.of(good)), body, SECRET),
                Reason.MISSING_TIMESTAMP);
        assertReason(
                () -> trigger.verify(
                        headers(good, at).entrySet().stream()
                                .collect(java.util.stream.Collectors.toMap(
                                        Map.Entry::getKey,
                                        en -> en.getKey().contains("timestamp") ? List.of("soon") : en.getValue())),
                        body,
                        SECRET),
                Reason.MALFORMED);
    }

    @Test
    void refusesAStaleOrFutureTimestampEvenWhenSigned() {
        byte[] body = event("Ev04");
        long old = NOW.getEpochSecond() - 301;
        assertReason(
                () -> trigger.verify(headers(signature(SECRET, old, body), old), body, SECRET), Reason.STALE_TIMESTAMP);
        long future = NOW.getEpochSecond() + 301;
        assertReason(
                () -> trigger.verify(headers(signature(SECRET, future, body), future), body, SECRET),
                Reason.STALE_TIMESTAMP);
        long edge = NOW.getEpochSecond() - 300;
        assertThat(trigger.verify(headers(signature(SECRET, edge, body), edge), body, SECRET))
                .isNotNull();
    }

    static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOf(WebhookRefusal.class)
                .extracting(e -> ((WebhookRefusal) e).reason())
                .isEqualTo(reason);
    }
}
