package dev.atom.workspace.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.time.Timestamps;
import dev.atom.testing.StubMount;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Webhook-driven sync: a signed GitHub delivery to a workflow whose trigger listens on a connection makes that
 * connection's sync feeds due at once (the scheduler is woken), whether or not the workflow's filter lets the
 * delivery start a run; a forged delivery, or one for a connection waiting for a reconnect, changes nothing.
 */
@StubMount(property = "ATOM_GITHUB_BASE_URL", path = "/api/v3")
class WebhookSyncTest extends StubbedServiceTestBase {
    private static final Instant LATER = Instant.parse("2099-01-01T00:00:00Z");

    @Autowired
    SyncFeedRepository feeds;

    @Autowired
    JdbcClient jdbc;

    private TestUsers.User owner;
    private TestHttp api;

    @BeforeEach
    void signUp() {
        var users = new TestUsers(this::http);
        owner = users.signUp("hooks");
        api = users.as(owner);
        STUB.stubFor(get(urlPathEqualTo("/api/v3/user"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"login\":\"octocat\",\"id\":1}")));
    }

    @Test
    void aVerifiedDeliveryMakesItsConnectionsSyncDueNow() throws Exception {
        var connection = api.post(
                "/api/v1/connections",
                Map.of(
                        "connector",
                        "github",
                        "name",
                        "GitHub",
                        "credentials",
                        Map.of("token", "ghp_" + "x".repeat(36))));
        assertThat(connection.status()).as(connection.toString()).isEqualTo(201);
        String connectionId = connection.json().get("id").asString();
        var hook = workflowHook(connectionId);
        assertThat(feeds.list(owner.workspaceId(), connectionId))
                .as("the connection's feeds are tracked")
                .isNotEmpty();

        synced(connectionId);
        var forged = deliver(hook.path(), opened(), "d-1", "not-the-secret");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(nextRuns(connectionId)).as("a forged delivery wakes nothing").containsOnly(LATER);

        var filtered = deliver(hook.path(), opened().replace("\"opened\"", "\"closed\""), "d-2", hook.secret());
        assertThat(filtered.json().get("status").asString()).isEqualTo("filtered");
        Instant delivered = Instant.now();
        assertThat(nextRuns(connectionId))
                .as("due now although the filter started no run")
                .allSatisfy(at -> assertThat(at).isBefore(delivered.plusSeconds(1)));

        synced(connectionId);
        jdbc.sql("UPDATE connections SET status = 'needs_reconnect' WHERE id = :id")
                .param("id", connectionId)
                .update();
        var accepted = deliver(hook.path(), opened(), "d-3", hook.secret());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(nextRuns(connectionId))
                .as("a connection waiting for its owner's reconnect keeps waiting")
                .containsOnly(LATER);
    }

    private record Hook(String path, String secret) {}

    /** A published workflow listening for issue events on the connection, with its signing secret. */
    private Hook workflowHook(String connectionId) {
        var created = api.post(
                "/api/v1/workflows",
                Map.of(
                        "definition",
                        Map.of(
                                "name", "Triage",
                                "trigger",
                                        Map.of(
                                                "type", "github.issue_event",
                                                "connection", connectionId,
                                                "filter", "{{ event.action == 'opened' }}"),
                                "steps", List.of(Map.of("id", "s", "type", "transform", "output", "x")))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(api.post("/api/v1/workflows/" + id + "/publish", Map.of()).status())
                .isEqualTo(200);
        var secret = api.post("/api/v1/workflows/" + id + "/webhook-secret", Map.of());
        assertThat(secret.status()).isEqualTo(200);
        String url = api.get("/api/v1/workflows/" + id).json().get("webhookUrl").asString();
        return new Hook(URI.create(url).getPath(), secret.json().get("secret").asString());
    }

    /** As if every feed of the connection had just synced: next run far ahead. */
    private void synced(String connectionId) {
        jdbc.sql("UPDATE sync_feeds SET next_run_at = :at, status = 'idle' WHERE connection_id = :id")
                .param("at", Timestamps.format(LATER))
                .param("id", connectionId)
                .update();
        assertThat(nextRuns(connectionId)).containsOnly(LATER);
    }

    private List<Instant> nextRuns(String connectionId) {
        return feeds.list(owner.workspaceId(), connectionId).stream()
                .map(FeedState::nextRunAt)
                .toList();
    }

    private static String opened() {
        return "{\"action\":\"opened\",\"issue\":{\"number\":7,\"title\":\"Crash on start\","
                + "\"state\":\"open\",\"html_url\":\"https://github.com/acme/app/issues/7\",\"labels\":[]},"
                + "\"repository\":{\"full_name\":\"acme/app\"},\"sender\":{\"login\":\"octocat\"}}";
    }

    private TestHttp.Response deliver(String hook, String body, String delivery, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        return http().header("X-Hub-Signature-256", signature)
                .header("X-GitHub-Delivery", delivery)
                .header("X-GitHub-Event", "issues")
                .post(hook, body);
    }
}
