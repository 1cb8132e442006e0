package dev.atom.workflows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A workflow's concurrency cap and the per-connection cap on calls in flight. */
class ConcurrencyLimitTest extends AppTestBase {
    private static final int DELAY_MS = 400;
    private WireMockServer wm;
    private WorkflowTestSupport flows;
    private dev.atom.testing.TestHttp api;

    @BeforeEach
    void setUp() {
        wm = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(40));
        wm.start();
        wm.stubFor(post("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(DELAY_MS)));
        var users = new TestUsers(this::http);
        api = users.as(users.signUp("cora"));
        flows = new WorkflowTestSupport(api);
    }

    @AfterEach
    void tearDown() {
        wm.stop();
    }

    private static String slowCall(String concurrency) {
        return """
                { "name": "Slow", "trigger": { "type": "manual" } %s,
                  "steps": [ { "id": "call", "action": "http.request",
                               "input": { "method": "POST", "url": "{{ trigger.input.base }}/slow" } } ] }
                """.formatted(concurrency);
    }

    @Test
    void aWorkflowWithConcurrencyOneRunsItsRunsOneAtATime() {
        String id = flows.createAndPublish(slowCall(", \"concurrency\": 1"));
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(flows.start(id, Map.of("base", wm.baseUrl())));
        }
        runs.forEach(r -> assertThat(flows.awaitEnd(r).get("status").asString()).isEqualTo("succeeded"));
        assertThat(maxInFlight()).isEqualTo(1);
    }

    /**
     * Webhook runs that answer with their response would run inline on the request's thread; with a cap they
     * go through the queue, and each caller still gets its run's response.
     */
    @Test
    void webhookRunsAnsweredWithTheirResponseHonourTheCap() throws Exception {
        String id = flows.createAndPublish("""
                { "name": "Slow hook", "trigger": { "type": "webhook", "respond": "last_step" }, "concurrency": 1,
                  "steps": [ { "id": "call", "action": "http.request",
                               "input": { "method": "POST", "url": "{{ trigger.body.base }}/slow" } },
                             { "id": "answer", "type": "respond", "status": 201,
                               "body": { "n": "{{ trigger.body.n }}" } } ] }
                """);
        String hook = new WorkflowTestSupport(api).webhookPath(id);
        List<java.util.concurrent.Future<dev.atom.testing.TestHttp.Response>> calls = new ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 4; i++) {
                int n = i;
                calls.add(threads.submit(() -> http().post(hook, Map.of("base", wm.baseUrl(), "n", n))));
            }
            for (int i = 0; i < 4; i++) {
                var answer = calls.get(i).get();
                assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                assertThat(answer.json().get("n").asInt()).isEqualTo(i);
            }
        }
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/slow")))).hasSize(4);
        assertThat(maxInFlight()).isEqualTo(1);
    }

    @Test
    void aCappedWebhookRunThatHasToWaitIsAnswered202WithItsRunId() {
        String id = flows.createAndPublish("""
                { "name": "Later hook", "trigger": { "type": "webhook", "respond": "last_step" }, "concurrency": 1,
                  "steps": [ { "id": "wait", "type": "delay", "duration": "PT1H" },
                             { "id": "answer", "type": "respond", "status": 200, "body": "done" } ] }
                """);
        String hook = new WorkflowTestSupport(api).webhookPath(id);
        var answer = http().post(hook, Map.of("n", 1));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.json().get("status").asString()).isEqualTo("waiting");
        String runId = answer.json().get("runId").asString();
        assertThat(flows.run(runId).get("status").asString()).isEqualTo("waiting");
        assertThat(api.post("/api/v1/runs/" + runId + "/cancel", Map.of()).status())
                .isEqualTo(200);
    }

    @Test
    void callsOnOneConnectionAreCappedPerInstance() {
        String id = flows.createAndPublish(slowCall(""));
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            runs.add(flows.start(id, Map.of("base", wm.baseUrl())));
        }
        runs.forEach(r -> assertThat(flows.awaitEnd(r).get("status").asString()).isEqualTo("succeeded"));
        assertThat(maxInFlight()).isBetween(2, 8);
    }

    /** The most requests the stub was serving at once (each takes DELAY_MS from its arrival). */
    private int maxInFlight() {
        var starts = wm.findAll(postRequestedFor(urlEqualTo("/slow"))).stream()
                .map(r -> r.getLoggedDate().getTime())
                .sorted()
                .toList();
        int max = 0;
        for (long t : starts) {
            // requests that arrived before t and were still being answered at t (a little slack for clock reads)
            long overlapping =
                    starts.stream().filter(s -> s <= t && s + DELAY_MS - 30 > t).count();
            max = Math.max(max, (int) overlapping);
        }
        return max;
    }
}
