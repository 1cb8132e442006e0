package dev.atom.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * A webhook workflow that accepts only HMAC-signed deliveries: the trigger {@code webhook.received} on a
 * connection of the generic webhook connector, with the secret from {@code /webhook-secret}.
 */
class SignedWebhookWorkflowTest extends AppTestBase {

    @Test
    void onlySignedFreshDeliveriesStartARunAndAReplayIsRefused() throws Exception {
        var users = new TestUsers(this::http);
        TestHttp api = users.as(users.signUp("hugo"));
        String connection = api.post(
                        "/api/v1/connections",
                        Map.of("connector", "webhook", "name", "Signed", "credentials", Map.of()))
                .json()
                .get("id")
                .asString();
        String id = new WorkflowTestSupport(api).createAndPublish("""
                { "name": "Signed", "trigger": { "type": "webhook.received", "connection": "%s" },
                  "steps": [ { "id": "got", "type": "transform", "output": "{{ event.body.msg }}" } ] }
                """.formatted(connection));
        String hook = new WorkflowTestSupport(api).webhookPath(id);
        String secret = api.post("/api/v1/workflows/" + id + "/webhook-secret", Map.of())
                .json()
                .get("secret")
                .asString();

        String body = "{\"msg\":\"signed hello\"}";
        String ts = String.valueOf(System.currentTimeMillis() / 1000);
        var signed = send(hook, body, ts, "sha256=" + hmac(secret, ts + "." + body), "d-1");
        assertThat(signed.status()).as(signed.toString()).isEqualTo(202);
        var run =
                new WorkflowTestSupport(api).awaitEnd(signed.json().get("runId").asString());
        assertThat(run.get("output").asString()).isEqualTo("signed hello");

        assertThat(send(hook, body, ts, "sha256=" + hmac(secret, ts + "." + body), "d-1")
                        .status())
                .as("the same delivery again")
                .isEqualTo(409);
        assertThat(send(hook, body, ts, "sha256=" + hmac("wrong", ts + "." + body), "d-2")
                        .status())
                .isEqualTo(401);
        String old = String.valueOf(System.currentTimeMillis() / 1000 - 3600);
        assertThat(send(hook, body, old, "sha256=" + hmac(secret, old + "." + body), "d-3")
                        .status())
                .as("an hour-old signature")
                .isEqualTo(401);
        assertThat(http().post(hook, Map.of("msg", "unsigned")).status()).isEqualTo(401);
    }

    private TestHttp.Response send(String hook, String body, String ts, String signature, String delivery) {
        return http().header("X-Atom-Timestamp", ts)
                .header("X-Atom-Signature", signature)
                .header("X-Atom-Delivery", delivery)
                .send("POST", hook, body);
    }

    private static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
