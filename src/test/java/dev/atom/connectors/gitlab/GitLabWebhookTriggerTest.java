package dev.atom.connectors.gitlab;

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
import org.junit.jupiter.api.Test;

/**
 * GitLab's webhook: the secret token in X-Gitlab-Token, the delivery id from Idempotency-Key or
 * X-Gitlab-Event-UUID, and the issue/MR/pipeline payloads as GitLab documents them ("Webhook events").
 */
class GitLabWebhookTriggerTest {
    static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");
    private final GitLabWebhookTrigger trigger = new GitLabWebhookTrigger(Clock.fixed(NOW, ZoneOffset.UTC));

    static Map<String, List<String>> headers(String token, String event, String uuid) {
        Map<String, List<String>> h = new HashMap<>();
        h.put("x-gitlab-token", List.of(token));
        h.put("x-gitlab-event", List.of(event));
        if (uuid != null) {
            h.put("x-gitlab-event-uuid", List.of(uuid));
        }
        return h;
    }

    static byte[] issueEvent(String action) {
        return ("{\"object_kind\":\"issue\",\"event_type\":\"issue\",\"user\":{\"username\":\"ann\"},"
                        + "\"project\":{\"id\":7,\"path_with_namespace\":\"acme/app\"},"
                        + "\"object_attributes\":{\"id\":501,\"iid\":12,\"title\":\"Fix login\",\"state\":\"closed\","
                        + "\"action\":\"" + action + "\",\"url\":\"https://gitlab.com/acme/app/-/issues/12\","
                        + "\"updated_at\":\"2026-12-06 03:59:00 UTC\"},\"labels\":[{\"id\":1,\"title\":\"bug\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anIssueEventIsFlatForFilters() {
        TriggerEvent e = trigger.verify(headers("s3cret", "Issue Hook", "u-1"), issueEvent("close"), "s3cret");
        assertThat(e.dedupKey()).isEqualTo("u-1");
        assertThat(e.payload().get("kind").asString()).isEqualTo("issue");
        assertThat(e.payload().get("number").asLong()).isEqualTo(12);
        assertThat(e.payload().get("state").asString()).isEqualTo("closed");
        assertThat(e.payload().get("labels").get(0).asString()).isEqualTo("bug");
        assertThat(e.payload().get("project").asString()).isEqualTo("acme/app");
        assertThat(e.payload().get("user").asString()).isEqualTo("ann");
    }

    @Test
    void mergeRequestAndPipelineEvents() {
        byte[] mr = ("{\"object_kind\":\"merge_request\",\"user\":{\"username\":\"ann\"},\"project\":"
                        + "{\"path_with_namespace\":\"acme/app\"},\"object_attributes\":{\"iid\":7,\"title\":\"Add SSO\","
                        + "\"state\":\"merged\",\"action\":\"merge\",\"url\":\"https://gitlab.com/acme/app/-/merge_requests/7\"}}")
                .getBytes(StandardCharsets.UTF_8);
        var m = trigger.verify(headers("s", "Merge Request Hook", "u-2"), mr, "s");
        assertThat(m.payload().get("action").asString()).isEqualTo("merge");
        assertThat(m.payload().get("number").asLong()).isEqualTo(7);

        byte[] pipeline = ("{\"object_kind\":\"pipeline\",\"user\":{\"username\":\"ann\"},\"project\":"
                        + "{\"path_with_namespace\":\"acme/app\"},\"object_attributes\":{\"id\":4401,\"iid\":31,"
                        + "\"ref\":\"main\",\"status\":\"failed\",\"url\":\"https://gitlab.com/acme/app/-/pipelines/4401\"}}")
                .getBytes(StandardCharsets.UTF_8);
        var headers = headers("s", "Pipeline Hook", null);
        headers.put("idempotency-key", List.of("k-9"));
        var p = trigger.verify(headers, pipeline, "s");
        assertThat(p.dedupKey()).isEqualTo("k-9");
        assertThat(p.payload().get("number").asLong()).isEqualTo(4401);
        assertThat(p.payload().get("state").asString()).isEqualTo("failed");
        assertThat(p.payload().get("ref").asString()).isEqualTo("main");
        assertThat(trigger.verify(headers("s", "Pipeline Hook", null), pipeline, "s")
                        .dedupKey())
                .as("without a delivery id, the body's digest")
                .startsWith("sha256:");
    }

    @Test
    void refusesAWrongOrMissingTokenAndOtherEvents() {
        byte[] body = issueEvent("open");
        assertReason(() -> trigger.verify(headers("wrong", "Issue Hook", "u"), body, "s3cret"), Reason.BAD_SIGNATURE);
        assertReason(
                () -> trigger.verify(headers("s3cret-longer", "Issue Hook", "u"), body, "s3cret"),
                Reason.BAD_SIGNATURE);
        assertReason(
                () -> trigger.verify(Map.of("x-gitlab-event", List.of("Issue Hook")), body, "s3cret"),
                Reason.MISSING_SIGNATURE);
        assertReason(() -> trigger.verify(headers("s3cret", "Push Hook", "u"), body, "s3cret"), Reason.MALFORMED);
        assertReason(
                () -> trigger.verify(
                        headers("s3cret", "Issue Hook", "u"), "nope".getBytes(StandardCharsets.UTF_8), "s3cret"),
                Reason.MALFORMED);
    }

    private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOf(WebhookRefusal.class)
                .extracting(e -> ((WebhookRefusal) e).reason())
                .isEqualTo(reason);
    }
}
