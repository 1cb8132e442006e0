package dev.atom.workflows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The two definitions of the workflow issue, accepted as written and behaving as it describes. */
class IssueExamplesTest extends AppTestBase {
    static final String ECHO = """
            { "name": "Echo", "trigger": { "type": "webhook", "respond": "last_step" },
              "steps": [
                { "id": "shape", "type": "transform", "output": { "msg": "{{ trigger.body.msg }}", "n": "{{ trigger.body.n }}" } },
                { "id": "big", "type": "condition", "if": "{{ steps.shape.output.n > 10 }}",
                  "then": [ { "id": "say_big", "type": "respond", "status": 200, "body": { "size": "big", "msg": "{{ steps.shape.output.msg }}" } } ],
                  "else": [ { "id": "say_small", "type": "respond", "status": 200, "body": { "size": "small", "msg": "{{ steps.shape.output.msg }}" } } ] } ] }
            """;
    static final String THREE_CALLS = """
            { "name": "Three calls", "trigger": { "type": "manual" },
              "steps": [
                { "id": "one",   "action": "http.request", "input": { "method": "POST", "url": "{{ trigger.input.base }}/one" } },
                { "id": "two",   "action": "http.request", "input": { "method": "POST", "url": "{{ trigger.input.base }}/two" } },
                { "id": "three", "action": "http.request", "input": { "method": "POST", "url": "{{ trigger.input.base }}/three" } } ] }
            """;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WireMockServer wm;
    private TestHttp api;

    @BeforeEach
    void setUp() {
        wm = new WireMockServer(wireMockConfig().dynamicPort());
        wm.start();
        var users = new TestUsers(this::http);
        api = users.as(users.signUp("wendy"));
    }

    @AfterEach
    void tearDown() {
        wm.stop();
    }

    @Test
    void echoAnswersFromItsRespondStepAndRecordsTheRun() {
        String id = createAndPublish(ECHO);
        var workflow = api.get("/api/v1/workflows/" + id).json();
        String hook = URI.create(workflow.get("webhookUrl").asString()).getPath();
        assertThat(hook).startsWith("/api/v1/hooks/");

        var big = http().post(hook, Map.of("msg", "hi", "n", 42));
        assertThat(big.status()).as(big.toString()).isEqualTo(200);
        assertThat(big.json()).isEqualTo(JSON.readTree("{\"size\":\"big\",\"msg\":\"hi\"}"));
        var small = http().post(hook, Map.of("msg", "lo", "n", 3));
        assertThat(small.json()).isEqualTo(JSON.readTree("{\"size\":\"small\",\"msg\":\"lo\"}"));

        var run = api.get("/api/v1/runs/" + big.header("X-Atom-Run-Id")).json();
        assertThat(run.get("status").asString()).isEqualTo("succeeded");
        assertThat(run.get("steps").findValuesAsString("id")).containsExactly("shape", "big", "say_big");
        assertThat(run.get("steps").get(0).get("output").get("n").asInt()).isEqualTo(42);
        var runs = api.get("/api/v1/runs?workflow=" + id).json().get("items");
        assertThat(runs).hasSize(2);
    }

    @Test
    void threeCallsCarryAnIdempotencyKeyThatStaysTheSameAcrossRetries() {
        wm.stubFor(post("/one").willReturn(aResponse().withStatus(200).withBody("{\"ok\":1}")));
        wm.stubFor(post("/two")
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));
        wm.stubFor(post("/two")
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200)));
        wm.stubFor(post("/three").willReturn(aResponse().withStatus(200)));
        String id = createAndPublish(THREE_CALLS);

        var started = api.post("/api/v1/workflows/" + id + "/runs", Map.of("input", Map.of("base", wm.baseUrl())));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode run = awaitEnd(started.json().get("runId").asString());

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.get("steps").findValuesAsString("id")).containsExactly("one", "two", "three");
        run.get("steps").forEach(s -> assertThat(s.get("status").asString()).isEqualTo("succeeded"));
        assertThat(run.get("steps").get(1).get("attempts").asInt()).isEqualTo(2);
        var one = wm.findAll(postRequestedFor(urlEqualTo("/one")));
        var two = wm.findAll(postRequestedFor(urlEqualTo("/two")));
        var three = wm.findAll(postRequestedFor(urlEqualTo("/three")));
        assertThat(one).hasSize(1);
        assertThat(two).hasSize(2);
        assertThat(three).hasSize(1);
        String key = two.get(0).getHeader("Idempotency-Key");
        assertThat(key).isNotBlank().isEqualTo(two.get(1).getHeader("Idempotency-Key"));
        assertThat(one.get(0).getHeader("Idempotency-Key")).isNotBlank().isNotEqualTo(key);
        assertThat(three.get(0).getHeader("Idempotency-Key")).isNotEqualTo(key);
    }

    String createAndPublish(String definition) {
        var created = api.post("/api/v1/workflows", Map.of("definition", JSON.readTree(definition)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        var published = api.post("/api/v1/workflows/" + id + "/publish", Map.of());
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        assertThat(published.json().get("version").asInt()).isEqualTo(1);
        return id;
    }

    JsonNode awaitEnd(String runId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonNode run = api.get("/api/v1/runs/" + runId).json();
            String status = run.get("status").asString();
            if (status.equals("succeeded") || status.equals("failed") || status.equals("cancelled")) {
                return run;
            }
            assertThat(Instant.now())
                    .as("run %s still %s: %s", runId, status, run)
                    .isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
