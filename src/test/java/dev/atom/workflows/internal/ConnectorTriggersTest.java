package dev.atom.workflows.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.StubMount;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connector triggers end to end: a polling trigger (the test feed connector against WireMock) with its
 * cursor, de-duplication, filter and errors shown on the workflow; and GitHub's signed issue webhook arriving
 * at the workflow's URL. Polls are driven by the poller's tick with instants of the test's choosing.
 */
@StubMount(property = "ATOM_GITHUB_BASE_URL", path = "/api/v3")
class ConnectorTriggersTest extends StubbedServiceTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    TriggerPoller poller;

    @Autowired
    Clock clock;

    private TestUsers users;
    private TestUsers.User owner;
    private TestHttp api;

    @BeforeEach
    void setUp() {
        TriggerTicker.pause(true);
        users = new TestUsers(this::http);
        owner = users.signUp("poll");
        api = users.as(owner);
    }

    /** Workflows this test switched on: switched off after it, so no real tick polls the shared stub later. */
    private final List<String> switchedOn = new ArrayList<>();

    @AfterEach
    void resume() {
        switchedOn.forEach(id -> api.post("/api/v1/workflows/" + id + "/disable", Map.of()));
        TriggerTicker.pause(false);
    }

    private String publish(String definition) {
        var created = api.post("/api/v1/workflows", Map.of("definition", JSON.readTree(definition)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        var published = api.post("/api/v1/workflows/" + id + "/publish", Map.of());
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        switchedOn.add(id);
        return id;
    }

    private static void feed(String since, int status, String body) {
        STUB.stubFor(get(urlPathEqualTo("/feed"))
                .withQueryParam("since", equalTo(since))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    private List<JsonNode> events(String workflowId) {
        List<JsonNode> out = new ArrayList<>();
        api.get("/api/v1/runs?workflow=" + workflowId)
                .json()
                .get("items")
                .forEach(r -> out.add(r.get("trigger").get("event")));
        return out.reversed();
    }

    @Test
    void aPollingTriggerStartsOneRunPerNewEventKeepsItsCursorAndShowsItsErrors() {
        var connection = api.post(
                "/api/v1/connections",
                Map.of(
                        "connector",
                        "testfeed",
                        "name",
                        "Feed",
                        "credentials",
                        Map.of("api_key", "k-123456", "feed_url", STUB.baseUrl() + "/feed")));
        assertThat(connection.status()).as(connection.toString()).isEqualTo(201);
        String id = publish("""
                { "name": "Feed", "trigger": { "type": "testfeed.new_item", "connection": "%s", "interval": "PT15S",
                    "config": { "tag": "news" }, "filter": "{{ event.title != 'skip me' }}" },
                  "steps": [ { "id": "s", "type": "transform", "output": "{{ event.title }}" } ] }
                """.formatted(connection.json().get("id").asString()));
        Instant t = clock.instant();
        feed("", 200, "{\"cursor\":\"c1\"}");
        feed(
                "c1",
                200,
                "{\"items\":[{\"id\":\"a\",\"title\":\"A\"},{\"id\":\"b\",\"title\":\"B\"}],\"cursor\":\"c2\"}");
        feed(
                "c2",
                200,
                "{\"items\":[{\"id\":\"b\",\"title\":\"B\"},{\"id\":\"c\",\"title\":\"skip me\"}],"
                        + "\"cursor\":\"c3\"}");

        poller.tick(t.plus(Duration.ofMinutes(1))); // the first poll only takes the cursor
        assertThat(events(id)).isEmpty();
        STUB.verify(getRequestedFor(urlPathEqualTo("/feed")).withQueryParam("tag", equalTo("news")));
        var trigger = api.get("/api/v1/workflows/" + id).json().get("trigger");
        assertThat(trigger.get("status").asString()).isEqualTo("ok");
        assertThat(trigger.get("lastPolledAt").isNull()).isFalse();

        poller.tick(t.plus(Duration.ofMinutes(1)).plusSeconds(5)); // not due again before the interval
        poller.tick(t.plus(Duration.ofMinutes(2)));
        assertThat(events(id)).extracting(e -> e.get("id").asString()).containsExactly("a", "b");

        poller.tick(t.plus(Duration.ofMinutes(3))); // b again (de-duplicated), c filtered out
        assertThat(events(id)).extracting(e -> e.get("id").asString()).containsExactly("a", "b");

        feed("c3", 503, "{\"error\":\"down\"}");
        for (int i = 4; i <= 6; i++) {
            poller.tick(t.plus(Duration.ofMinutes(i)));
            if (i == 4) {
                var failing = api.get("/api/v1/workflows/" + id).json();
                assertThat(failing.get("trigger").get("status").asString()).isEqualTo("failing");
                assertThat(failing.get("trigger").get("lastError").asString()).contains("503");
                assertThat(failing.get("alerts"))
                        .as("one failure is no alert yet")
                        .isEmpty();
            }
        }
        var failing = api.get("/api/v1/workflows/" + id).json();
        assertThat(failing.get("trigger").get("consecutiveFailures").asInt()).isEqualTo(3);
        assertThat(failing.get("alerts")).hasSize(1);
        assertThat(failing.get("alerts").get(0).get("kind").asString()).isEqualTo("trigger_failing");

        feed("c3", 200, "{\"items\":[{\"id\":\"d\",\"title\":\"D\"}],\"cursor\":\"c4\"}");
        poller.tick(t.plus(Duration.ofMinutes(7)));
        var recovered = api.get("/api/v1/workflows/" + id).json();
        assertThat(recovered.get("trigger").get("status").asString()).isEqualTo("ok");
        assertThat(recovered.get("trigger").get("lastError").isNull()).isTrue();
        assertThat(recovered.get("alerts")).isEmpty();
        assertThat(events(id)).extracting(e -> e.get("id").asString()).containsExactly("a", "b", "d");
    }

    private String feedConnection(String name, String path) {
        var connection = api.post(
                "/api/v1/connections",
                Map.of(
                        "connector",
                        "testfeed",
                        "name",
                        name,
                        "credentials",
                        Map.of("api_key", "k-123456", "feed_url", STUB.baseUrl() + path)));
        assertThat(connection.status()).as(connection.toString()).isEqualTo(201);
        return connection.json().get("id").asString();
    }

    private static String feedWorkflow(String name, String connection) {
        return """
                { "name": "%s", "trigger": { "type": "testfeed.new_item", "connection": "%s", "interval": "PT15S" },
                  "steps": [ { "id": "s", "type": "transform", "output": "{{ event.title }}" } ] }
                """.formatted(name, connection);
    }

    private static void feedAt(String path, String since, int delayMs, String body) {
        STUB.stubFor(get(urlPathEqualTo(path))
                .withQueryParam("since", equalTo(since))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withFixedDelay(delayMs)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    private void awaitEvents(String workflowId, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (events(workflowId).size() < count) {
            assertThat(Instant.now())
                    .as("waiting for %d runs of %s", count, workflowId)
                    .isBefore(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aSlowPollHoldsUpNoOtherTriggerAndIsNotStartedTwice() throws Exception {
        String slow = publish(feedWorkflow("Slow feed", feedConnection("Slow", "/slow-feed")));
        String fast = publish(feedWorkflow("Fast feed", feedConnection("Fast", "/fast-feed")));
        feedAt("/slow-feed", "", 0, "{\"cursor\":\"s1\"}");
        feedAt("/fast-feed", "", 0, "{\"cursor\":\"f1\"}");
        Instant t = clock.instant().plus(Duration.ofMinutes(1));
        poller.tick(t); // both take their cursors

        feedAt("/slow-feed", "s1", 6_000, "{\"items\":[{\"id\":\"a\",\"title\":\"A\"}],\"cursor\":\"s2\"}");
        feedAt("/fast-feed", "f1", 0, "{\"items\":[{\"id\":\"b\",\"title\":\"B\"}],\"cursor\":\"f2\"}");
        feedAt("/fast-feed", "f2", 0, "{\"items\":[{\"id\":\"c\",\"title\":\"C\"}],\"cursor\":\"f3\"}");
        var first = poller.start(t.plus(Duration.ofMinutes(1)));
        awaitEvents(fast, 1);
        // the slow poll is claimed for its interval plus the lease, so no other instance takes it meanwhile
        Instant claimed = Instant.parse(api.get("/api/v1/workflows/" + slow)
                .json()
                .get("trigger")
                .get("nextFireAt")
                .asString());
        assertThat(claimed).isAfter(t.plus(Duration.ofMinutes(2)));

        var second = poller.start(t.plus(Duration.ofMinutes(2))); // the fast feed's next poll, on time
        for (var poll : second) {
            poll.get();
        }
        assertThat(events(fast)).extracting(e -> e.get("id").asString()).containsExactly("b", "c");
        assertThat(events(slow)).as("the slow poll has not answered yet").isEmpty();

        for (var poll : first) {
            poll.get();
        }
        assertThat(events(slow)).extracting(e -> e.get("id").asString()).containsExactly("a");
        STUB.verify(1, getRequestedFor(urlPathEqualTo("/slow-feed")).withQueryParam("since", equalTo("s1")));
        Instant next = Instant.parse(api.get("/api/v1/workflows/" + slow)
                .json()
                .get("trigger")
                .get("nextFireAt")
                .asString());
        assertThat(next)
                .as("after the poll: an interval after it began")
                .isEqualTo(t.plus(Duration.ofMinutes(1))
                        .plusSeconds(15)
                        .truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    @Test
    void aPollWhoseConnectionNeedsReconnectingAlertsAtOnce() {
        String id = publish(feedWorkflow("Revoked", feedConnection("Revoked", "/revoked-feed")));
        STUB.stubFor(get(urlPathEqualTo("/revoked-feed"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"token revoked\"}")));
        poller.tick(clock.instant().plus(Duration.ofMinutes(1)));

        var workflow = api.get("/api/v1/workflows/" + id).json();
        assertThat(workflow.get("trigger").get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(workflow.get("trigger").get("consecutiveFailures").asInt()).isEqualTo(1);
        assertThat(workflow.get("trigger").get("lastError").asString()).contains("reconnect", "token revoked");
        assertThat(workflow.get("alerts")).hasSize(1);
        assertThat(workflow.get("alerts").get(0).get("kind").asString()).isEqualTo("connection_needs_reconnect");
        var alerts = api.get("/api/v1/alerts").json();
        assertThat(alerts)
                .anyMatch(a -> id.equals(a.get("workflowId").asString())
                        && a.get("kind").asString().equals("connection_needs_reconnect"));
    }

    @Test
    void aTriggerWhoseConnectionWasDeletedStaysOnAndSaysWhyItFails() {
        var connection = api.post(
                "/api/v1/connections",
                Map.of(
                        "connector",
                        "testfeed",
                        "name",
                        "Gone",
                        "credentials",
                        Map.of("api_key", "k-123456", "feed_url", STUB.baseUrl() + "/feed")));
        String conn = connection.json().get("id").asString();
        String id = publish("""
                { "name": "Orphan", "trigger": { "type": "testfeed.new_item", "connection": "%s" },
                  "steps": [ { "id": "s", "type": "transform", "output": 1 } ] }
                """.formatted(conn));
        assertThat(api.delete("/api/v1/connections/" + conn).status()).isEqualTo(204);
        Instant t = clock.instant();
        for (int i = 1; i <= 3; i++) {
            poller.tick(t.plus(Duration.ofMinutes(2L * i)));
        }
        var workflow = api.get("/api/v1/workflows/" + id).json();
        assertThat(workflow.get("trigger").get("active").asBoolean()).isTrue();
        assertThat(workflow.get("trigger").get("status").asString()).isEqualTo("failing");
        assertThat(workflow.get("trigger").get("lastError").asString()).containsAnyOf("no longer", "connection");
        assertThat(workflow.get("alerts").get(0).get("kind").asString()).isEqualTo("trigger_failing");
    }

    @Test
    void aConnectorTriggerIsCheckedAgainstTheCatalogAndTheWorkspacesConnections() {
        var bad = api.post("/api/v1/workflows", Map.of("definition", JSON.readTree("""
                                { "name": "Bad", "trigger": { "type": "github.issue_event", "connection": "nope",
                                    "interval": "PT5S", "filter": "{{ nothing.here }}" },
                                  "steps": [] }
                                """)));
        assertThat(bad.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        bad.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("trigger.connection", "trigger.interval", "trigger.filter");

        var unknown = api.post(
                "/api/v1/workflows",
                Map.of(
                        "definition",
                        JSON.readTree("{ \"name\": \"U\", \"trigger\": { \"type\": \"github.nothing\","
                                + " \"connection\": \"x\" }, \"steps\": [] }")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("trigger.type");
    }

    @Test
    void aSignedGitHubIssueWebhookStartsARunOnceAndTheFilterDecides() throws Exception {
        STUB.stubFor(get(urlPathEqualTo("/api/v3/user"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"login\":\"octocat\",\"id\":1}")));
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
        String id = publish("""
                { "name": "Triage", "trigger": { "type": "github.issue_event", "connection": "%s",
                    "filter": "{{ event.action == 'opened' }}" },
                  "steps": [ { "id": "s", "type": "transform", "output": "{{ event.issue.title }}" } ] }
                """.formatted(connection.json().get("id").asString()));
        var workflow = api.get("/api/v1/workflows/" + id).json();
        String hook = URI.create(workflow.get("webhookUrl").asString()).getPath();

        String opened = "{\"action\":\"opened\",\"issue\":{\"number\":7,\"title\":\"Crash on start\","
                + "\"state\":\"open\",\"html_url\":\"https://github.com/acme/app/issues/7\",\"labels\":[]},"
                + "\"repository\":{\"full_name\":\"acme/app\"},\"sender\":{\"login\":\"octocat\"}}";
        var noSecret = deliver(hook, opened, "d-0", "whatever");
        assertThat(noSecret.status()).as("no signing secret made yet").isEqualTo(401);

        var made = api.post("/api/v1/workflows/" + id + "/webhook-secret", Map.of());
        assertThat(made.status()).isEqualTo(200);
        String secret = made.json().get("secret").asString();
        assertThat(api.get("/api/v1/workflows/" + id).body()).doesNotContain(secret);

        var forged = deliver(hook, opened, "d-1", "not-the-secret");
        assertThat(forged.status()).isEqualTo(401);

        var accepted = deliver(hook, opened, "d-2", secret);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String runId = accepted.json().get("runId").asString();
        var replayed = deliver(hook, opened, "d-2", secret);
        assertThat(replayed.status())
                .as("GitHub's redelivery of the same delivery")
                .isEqualTo(409);

        var closed = deliver(hook, opened.replace("\"opened\"", "\"closed\""), "d-3", secret);
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.json().get("status").asString()).isEqualTo("filtered");

        var runs = api.get("/api/v1/runs?workflow=" + id).json().get("items");
        assertThat(runs).hasSize(1);
        JsonNode run = awaitEnd(runId);
        assertThat(run.get("trigger").get("type").asString()).isEqualTo("github.issue_event");
        assertThat(run.get("trigger").get("event").get("issue").get("title").asString())
                .isEqualTo("Crash on start");
        assertThat(run.get("output").asString()).isEqualTo("Crash on start");
    }

    private JsonNode awaitEnd(String runId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            JsonNode run = api.get("/api/v1/runs/" + runId).json();
            if (List.of("succeeded", "failed", "cancelled")
                    .contains(run.get("status").asString())) {
                return run;
            }
            assertThat(Instant.now()).as("run %s: %s", runId, run).isBefore(deadline);
            Thread.sleep(50);
        }
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
