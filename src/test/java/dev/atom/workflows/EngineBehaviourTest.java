package dev.atom.workflows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How runs behave: retries by failure kind, timers, fail and stop, cancel, version pinning, webhook modes. */
class EngineBehaviourTest extends AppTestBase {
    private WireMockServer wm;
    private TestHttp api;
    private WorkflowTestSupport flows;

    @BeforeEach
    void setUp() {
        wm = new WireMockServer(wireMockConfig().dynamicPort());
        wm.start();
        var users = new TestUsers(this::http);
        api = users.as(users.signUp("elena"));
        flows = new WorkflowTestSupport(api);
    }

    @AfterEach
    void tearDown() {
        wm.stop();
    }

    private static String oneCall(String path, String retry) {
        return """
                { "name": "Call", "trigger": { "type": "manual" },
                  "steps": [ { "id": "call", "action": "http.request", %s
                               "input": { "method": "POST", "url": "{{ trigger.input.base }}%s" } },
                             { "id": "after", "type": "transform", "output": "{{ steps.call.output.status }}" } ] }
                """.formatted(retry, path);
    }

    @Test
    void aClientErrorIsNotRetriedAndFailsTheRunWithTheReason() {
        wm.stubFor(post("/bad").willReturn(aResponse().withStatus(400).withBody("{\"message\":\"no such list\"}")));
        String id = flows.createAndPublish(oneCall("/bad", ""));
        var run = flows.awaitEnd(flows.start(id, Map.of("base", wm.baseUrl())));
        assertThat(run.get("status").asString()).isEqualTo("failed");
        assertThat(run.get("error").asString()).isEqualTo("call: no such list");
        assertThat(run.get("steps")).hasSize(1);
        assertThat(run.get("steps").get(0).get("attempts").asInt()).isEqualTo(1);
        assertThat(run.get("steps").get(0).get("attemptHistory"))
                .as("one attempt: the step says it all")
                .isEmpty();
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/bad")))).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedUpToTheLimitHonouringRetryAfter() {
        wm.stubFor(post("/down").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")));
        String id = flows.createAndPublish(oneCall("/down", "\"retry\": { \"max\": 2, \"backoff\": \"PT0.01S\" },"));
        var run = flows.awaitEnd(flows.start(id, Map.of("base", wm.baseUrl())));
        assertThat(run.get("status").asString()).isEqualTo("failed");
        assertThat(run.get("error").asString()).startsWith("call: gave up after 2 attempts");
        var calls = wm.findAll(postRequestedFor(urlEqualTo("/down")));
        assertThat(calls).hasSize(2);
        long gap = calls.get(1).getLoggedDate().getTime()
                - calls.get(0).getLoggedDate().getTime();
        assertThat(gap).as("the second attempt waited for Retry-After").isGreaterThanOrEqualTo(950);
        var history = run.get("steps").get(0).get("attemptHistory");
        assertThat(history.findValuesAsString("outcome")).containsExactly("retried", "failed");
        assertThat(history.get(0).get("error").asString()).contains("503");
        assertThat(history.get(1).get("error").asString()).contains("503");
    }

    @Test
    void aStepThatSucceedsAfterARetryShowsEachAttempt() {
        wm.stubFor(post("/flaky")
                .inScenario("flaky")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(502))
                .willSetStateTo("up"));
        wm.stubFor(post("/flaky")
                .inScenario("flaky")
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        String id = flows.createAndPublish(oneCall("/flaky", "\"retry\": { \"max\": 3, \"backoff\": \"PT0.01S\" },"));
        var run = flows.awaitEnd(flows.start(id, Map.of("base", wm.baseUrl())));
        assertThat(run.get("status").asString()).isEqualTo("succeeded");
        var step = run.get("steps").get(0);
        assertThat(step.get("attempts").asInt()).isEqualTo(2);
        var history = step.get("attemptHistory");
        assertThat(history.findValuesAsString("outcome")).containsExactly("retried", "succeeded");
        assertThat(history.get(0).get("error").asString()).contains("502");
        assertThat(history.get(1).path("error").isMissingNode()).isTrue();
        assertThat(history.get(0).get("endedAt").asString()).isNotBlank();
    }

    @Test
    void aDelayParksTheRunAsWaitingAndItGoesOnWhenTheTimerFires() {
        String id = flows.createAndPublish("""
                { "name": "Later", "trigger": { "type": "manual" },
                  "steps": [ { "id": "wait", "type": "delay", "duration": "PT1S" },
                             { "id": "done", "type": "transform", "output": { "x": "{{ trigger.input.x }}" } } ] }
                """);
        String runId = flows.start(id, Map.of("x", 7));
        var waiting = flows.awaitStatus(runId, "waiting", "succeeded");
        assertThat(waiting.get("status").asString()).isEqualTo("waiting");
        assertThat(waiting.get("steps").get(0).get("status").asString()).isEqualTo("waiting");
        var done = flows.awaitEnd(runId);
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        assertThat(done.get("output").get("x").asInt()).isEqualTo(7);
    }

    @Test
    void failAndStopStepsEndTheRun() {
        String id = flows.createAndPublish("""
                { "name": "Gate", "trigger": { "type": "manual" },
                  "steps": [ { "id": "check", "type": "condition", "if": "{{ trigger.input.ok }}",
                               "then": [ { "id": "enough", "type": "stop" } ],
                               "else": [ { "id": "no", "type": "fail", "message": "not ok: {{ trigger.input.why }}" } ] },
                             { "id": "never", "type": "transform", "output": 1 } ] }
                """);
        var stopped = flows.awaitEnd(flows.start(id, Map.of("ok", true)));
        assertThat(stopped.get("status").asString()).isEqualTo("succeeded");
        assertThat(stopped.get("steps").findValuesAsString("id")).containsExactly("check", "enough");
        var failed = flows.awaitEnd(flows.start(id, Map.of("ok", false, "why", "empty")));
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("error").asString()).isEqualTo("no: not ok: empty");
    }

    @Test
    void aCancelledRunStopsAndStaysCancelled() {
        String id = flows.createAndPublish("""
                { "name": "Long", "trigger": { "type": "manual" },
                  "steps": [ { "id": "wait", "type": "delay", "duration": "PT2S" },
                             { "id": "done", "type": "transform", "output": 1 } ] }
                """);
        String runId = flows.start(id, Map.of());
        flows.awaitStatus(runId, "waiting");
        var cancelled = api.post("/api/v1/runs/" + runId + "/cancel", Map.of());
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("cancelled");
        WorkflowTestSupport.sleep(2500);
        var run = flows.run(runId);
        assertThat(run.get("status").asString()).isEqualTo("cancelled");
        assertThat(run.get("steps").findValuesAsString("id")).doesNotContain("done");
        assertThat(api.post("/api/v1/runs/" + runId + "/cancel", Map.of()).status())
                .isEqualTo(409);
    }

    @Test
    void aRunKeepsTheVersionItStartedWith() {
        String v1 = """
                { "name": "Pinned", "trigger": { "type": "manual" },
                  "steps": [ { "id": "wait", "type": "delay", "duration": "PT1S" },
                             { "id": "say", "type": "transform", "output": "%s" } ] }
                """;
        String id = flows.createAndPublish(v1.formatted("one"));
        String runId = flows.start(id, Map.of());
        var update = api.put(
                "/api/v1/workflows/" + id,
                Map.of("definition", WorkflowTestSupport.JSON.readTree(v1.formatted("two"))));
        assertThat(update.status()).isEqualTo(200);
        assertThat(update.json().get("version").asInt())
                .as("the draft changed, not the version")
                .isEqualTo(1);
        assertThat(api.post("/api/v1/workflows/" + id + "/publish", Map.of())
                        .json()
                        .get("version")
                        .asInt())
                .isEqualTo(2);
        var run = flows.awaitEnd(runId);
        assertThat(run.get("version").asInt()).isEqualTo(1);
        assertThat(run.get("output").asString()).isEqualTo("one");
        assertThat(flows.awaitEnd(flows.start(id, Map.of())).get("output").asString())
                .isEqualTo("two");
    }

    @Test
    void aWebhookAnswersAtOnceUnlessItWaitsForTheRunAndOnlyEnabledWorkflowsListen() {
        String id = flows.createAndPublish("""
                { "name": "Hook", "trigger": { "type": "webhook" },
                  "steps": [ { "id": "echo", "type": "transform", "output": "{{ trigger.body.word }}" } ] }
                """);
        String hook = flows.webhookPath(id);
        var accepted = http().post(hook, Map.of("word", "bird"));
        assertThat(accepted.status()).isEqualTo(202);
        var run = flows.awaitEnd(accepted.json().get("runId").asString());
        assertThat(run.get("output").asString()).isEqualTo("bird");
        assertThat(run.get("trigger").get("headers").has("authorization")).isFalse();

        var notJson = http().header("Content-Type", "application/json").send("POST", hook, "{oops");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(api.post("/api/v1/workflows/" + id + "/disable", Map.of())
                        .json()
                        .get("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(http().post(hook, Map.of("word", "x")).status()).isEqualTo(404);
        assertThat(http().post("/api/v1/hooks/not-a-token", Map.of()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/workflows/" + id + "/enable", Map.of()).status())
                .isEqualTo(200);
        assertThat(http().post(hook, Map.of("word", "x")).status()).isEqualTo(202);
    }

    @Test
    void aDraftCannotRunOrBeSwitchedOn() {
        var created = api.post(
                "/api/v1/workflows",
                Map.of(
                        "definition",
                        Map.of("name", "Draft", "trigger", Map.of("type", "manual"), "steps", java.util.List.of())));
        String id = created.json().get("id").asString();
        assertThat(created.json().get("status").asString()).isEqualTo("draft");
        assertThat(api.post("/api/v1/workflows/" + id + "/runs", Map.of()).status())
                .isEqualTo(409);
        assertThat(api.post("/api/v1/workflows/" + id + "/enable", Map.of()).status())
                .isEqualTo(409);
        assertThat(api.delete("/api/v1/workflows/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/workflows/" + id).status()).isEqualTo(404);
    }
}
