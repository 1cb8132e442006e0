package dev.atom.connectors.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.connectors.TriggerEvent;
import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.WebhookRefusal.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** GitHub's webhook signature (with GitHub's documented example) and the issue event it yields. */
class GitHubIssueTriggerTest {
    static final String SECRET = "It's a Secret to Everybody";
    private final GitHubIssueTrigger trigger =
            new GitHubIssueTrigger(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));

    static String signature(String secret, byte[] body) {
        return GitHubIssueTrigger.SIGNATURE.signature(secret, body);
    }

    static Map<String, List<String>> headers(String signature, String delivery, String event) {
        Map<String, List<String>> h = new HashMap<>();
        h.put("x-hub-signature-256", List.of(signature));
        h.put("x-github-delivery", List.of(delivery));
        h.put("x-github-event", List.of(event));
        return h;
    }

    static byte[] labeled(String label) {
        return ("{\"action\":\"labeled\",\"label\":{\"name\":\"" + label + "\"},\"issue\":{\"number\":7,"
                        + "\"title\":\"Crash\",\"state\":\"open\",\"html_url\":\"https://github.com/acme/app/issues/7\","
                        + "\"labels\":[{\"name\":\"p1\"},{\"name\":\"" + label + "\"}],\"user\":{\"login\":\"ann\"}},"
                        + "\"repository\":{\"full_name\":\"acme/app\"},\"sender\":{\"login\":\"bob\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signsAsGitHubsDocumentedExample() {
        // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
        assertThat(signature(SECRET, "Hello, World!".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void aLabeledIssueIsKeyedByItsDeliveryAndCarriesTheLabel() {
        byte[] body = labeled("bug");
        TriggerEvent e = trigger.verify(headers(signature(SECRET, body), "d-1", "issues"), body, SECRET);
        assertThat(e.dedupKey()).isEqualTo("d-1");
        assertThat(e.payload().get("action").asString()).isEqualTo("labeled");
        assertThat(e.payload().get("label").asString()).isEqualTo("bug");
        assertThat(e.payload().at("/issue/number").asInt()).isEqualTo(7);
        assertThat(e.payload().at("/issue/labels").toString()).isEqualTo("[\"p1\",\"bug\"]");
        assertThat(e.payload().get("repository").asString()).isEqualTo("acme/app");
        assertThat(e.payload().get("sender").asString()).isEqualTo("bob");
    }

    @Test
    void theCreationPingPasses() {
        byte[] body = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}".getBytes(StandardCharsets.UTF_8);
        TriggerEvent e = trigger.verify(headers(signature(SECRET, body), "d-ping", "ping"), body, SECRET);
        assertThat(e.payload().get("action").asString()).isEqualTo("ping");
    }

    @Test
    void refusesTamperedUnsignedAndForeignDeliveries() {
        byte[] body = labeled("bug");
        String good = signature(SECRET, body);
        assertReason(
                () -> trigger.verify(headers(good, "d-2", "issues"), labeled("wontfix"), SECRET), Reason.BAD_SIGNATURE);
        assertReason(() -> trigger.verify(headers(good, "d-2", "issues"), body, "other"), Reason.BAD_SIGNATURE);
        assertReason(() -> trigger.verify(headers("sha256=00", "d-2", "issues"), body, SECRET), Reason.BAD_SIGNATURE);
        assertReason(
                () -> trigger.verify(headers(good.replace("sha256=", "sha1="), "d-2", "issues"), body, SECRET),
                Reason.BAD_SIGNATURE);
        var unsigned = headers(good, "d-2", "issues");
        unsigned.remove("x-hub-signature-256");
        assertReason(() -> trigger.verify(unsigned, body, SECRET), Reason.MISSING_SIGNATURE);
        var noDelivery = headers(good, "d-2", "issues");
        noDelivery.remove("x-github-delivery");
        assertReason(() -> trigger.verify(noDelivery, body, SECRET), Reason.MALFORMED);
        assertReason(() -> trigger.verify(headers(good, "d-2", "push"), body, SECRET), Reason.MALFORMED);
    }

    static void assertReason(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOf(WebhookRefusal.class)
                .extracting(e -> ((WebhookRefusal) e).reason())
                .isEqualTo(reason);
    }
}
