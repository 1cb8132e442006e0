package dev.atom.connectors;

import static dev.atom.connectors.WebhookSignature.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.connectors.WebhookRefusal.Reason;
import dev.atom.connectors.WebhookSignature.Algorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The one webhook-signature helper against the services' own published examples: each vector below is the
 * service's documentation's worked example (secret, signed bytes and the signature it shows), so the scheme is
 * checked against the service, not against our own signer. Stripe's docs show no complete example (its sample
 * header comes without the secret and payload), so its vector was computed apart, with Python's hmac module.
 */
class WebhookSignatureTest {
    static final WebhookSignature GITHUB = WebhookSignature.hex("X-Hub-Signature-256", Algorithm.SHA256, "sha256=");
    static final WebhookSignature SLACK = WebhookSignature.hex("X-Slack-Signature", Algorithm.SHA256, "v0=");
    static final WebhookSignature STRIPE = WebhookSignature.hex("Stripe-Signature", Algorithm.SHA256, "v1=");
    static final WebhookSignature TWILIO = WebhookSignature.base64("X-Twilio-Signature", Algorithm.SHA1);

    /** docs.slack.dev/authentication/verifying-requests-from-slack, "Validating a request" (a slash command). */
    static final String SLACK_BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    private static Map<String, List<String>> headers(String... pairs) {
        Map<String, List<String>> out = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], List.of(pairs[i + 1]));
        }
        return out;
    }

    @Test
    void githubsDocumentedExampleVerifies() {
        // docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries, "Testing the webhook payload
        // validation"
        String documented = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        var headers = headers("x-hub-signature-256", documented);
        assertThat(GITHUB.verify(headers, "It's a Secret to Everybody", bytes("Hello, World!")))
                .isEqualTo(documented);
        assertThat(GITHUB.signature("It's a Secret to Everybody", bytes("Hello, World!")))
                .isEqualTo(documented);
        assertReason(
                () -> GITHUB.verify(headers, "It's a Secret to Everybody", bytes("Hello, World?")),
                Reason.BAD_SIGNATURE);
    }

    @Test
    void slacksDocumentedBasestringVerifiesInsideItsWindow() {
        var headers = headers(
                "X-Slack-Request-Timestamp", "1531420618",
                "X-Slack-Signature", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
        Instant at = WebhookSignature.unixSeconds(headers, "x-slack-request-timestamp");
        SLACK.verify(headers, "8f742231b10e8888abcd99yyyzzz85a5", bytes("v0:1531420618:"), bytes(SLACK_BODY));

        WebhookSignature.within(at, Clock.fixed(at.plusSeconds(299), ZoneOffset.UTC), Duration.ofMinutes(5));
        assertReason(
                () -> WebhookSignature.within(
                        at, Clock.fixed(at.plusSeconds(301), ZoneOffset.UTC), Duration.ofMinutes(5)),
                Reason.STALE_TIMESTAMP);
        assertReason(
                () -> WebhookSignature.within(
                        at, Clock.fixed(at.minusSeconds(301), ZoneOffset.UTC), Duration.ofMinutes(5)),
                Reason.STALE_TIMESTAMP);
        assertReason(
                () -> SLACK.verify(
                        headers, "8f742231b10e8888abcd99yyyzzz85a5", bytes("v0:1531420619:"), bytes(SLACK_BODY)),
                Reason.BAD_SIGNATURE);
    }

    @Test
    void stripesListHeaderVerifiesAnyV1DuringARotation() {
        String body = "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}";
        // t=, then the signature under the old secret and under the new one, as Stripe sends while rolling a secret
        String header = "t=1700000000,v1=78e0388110245ef3b5aa816d6b00d5d01bccb8569773b943adcc35e66c3d2ede,"
                + "v1=46dc069361a7691082640523fa33fe5d6c8c88d5f5e257cdf8cf11539d166595,v0=ignored";
        var headers = headers("stripe-signature", header);
        Map<String, String> pairs = WebhookSignature.pairs(header);
        assertThat(pairs.get("t")).isEqualTo("1700000000");
        byte[] signed = bytes(pairs.get("t") + "." + body);
        assertThat(STRIPE.verify(headers, "whsec_test_secret", signed))
                .isEqualTo("v1=46dc069361a7691082640523fa33fe5d6c8c88d5f5e257cdf8cf11539d166595");
        assertThat(STRIPE.verify(headers, "whsec_old_secret", signed)).startsWith("v1=78e0");
        assertReason(() -> STRIPE.verify(headers, "whsec_other", signed), Reason.BAD_SIGNATURE);
        assertReason(
                () -> STRIPE.verify(headers("stripe-signature", "t=1700000000"), "whsec_test_secret", signed),
                Reason.BAD_SIGNATURE);
        assertThat(WebhookSignature.unixSeconds(pairs.get("t"), "t")).isEqualTo(Instant.ofEpochSecond(1700000000));
    }

    @Test
    void twiliosDocumentedExampleIsBase64Sha1OfTheUrlAndSortedParameters() {
        // twilio.com/docs/usage/security, "Validating Signatures from Twilio" (auth token 12345)
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        Map<String, String> params = new TreeMap<>(Map.of(
                "CallSid", "CA1234567890ABCDE",
                "Caller", "+12349013030",
                "Digits", "1234",
                "From", "+12349013030",
                "To", "+18005551212"));
        StringBuilder signed = new StringBuilder(url);
        params.forEach((k, v) -> signed.append(k).append(v));
        var headers = headers("X-TWILIO-SIGNATURE", "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
        TWILIO.verify(headers, "12345", bytes(signed.toString()));
        assertReason(() -> TWILIO.verify(headers, "12346", bytes(signed.toString())), Reason.BAD_SIGNATURE);
    }

    @Test
    void missingMalformedAndEmptyInputsAreRefusedPrecisely() {
        assertReason(() -> GITHUB.verify(headers(), "s", bytes("x")), Reason.MISSING_SIGNATURE);
        assertReason(
                () -> GITHUB.verify(headers("X-Hub-Signature-256", "  "), "s", bytes("x")), Reason.MISSING_SIGNATURE);
        assertReason(
                () -> GITHUB.verify(headers("X-Hub-Signature-256", "sha256=zz"), "s", bytes("x")),
                Reason.BAD_SIGNATURE);
        assertReason(
                () -> TWILIO.verify(headers("X-Twilio-Signature", "not base64!"), "s", bytes("x")),
                Reason.BAD_SIGNATURE);
        // the right MAC without the prefix is not accepted: the prefix names the scheme
        String bare = GITHUB.signature("s", bytes("x")).substring("sha256=".length());
        assertReason(() -> GITHUB.verify(headers("X-Hub-Signature-256", bare), "s", bytes("x")), Reason.BAD_SIGNATURE);
        assertReason(
                () -> WebhookSignature.unixSeconds(headers(), "X-Slack-Request-Timestamp"), Reason.MISSING_TIMESTAMP);
        assertReason(() -> WebhookSignature.unixSeconds("yesterday", "X-Slack-Request-Timestamp"), Reason.MALFORMED);
        assertThatThrownBy(() -> GITHUB.verify(headers("X-Hub-Signature-256", "sha256=00"), "", bytes("x")))
                .as("an empty secret is the caller's bug, never a pass")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hexSignaturesAreReadInEitherCase() {
        String upper = "sha256=" + "757107EA0EB2509FC211221CCE984B8A37570B6D7586C22C46F4379C8B043E17";
        GITHUB.verify(headers("X-Hub-Signature-256", upper), "It's a Secret to Everybody", bytes("Hello, World!"));
    }

    static void assertReason(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOf(WebhookRefusal.class)
                .extracting(e -> ((WebhookRefusal) e).reason())
                .isEqualTo(reason);
    }
}
