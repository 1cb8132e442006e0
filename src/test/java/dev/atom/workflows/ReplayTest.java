package dev.atom.workflows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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

/** Replaying a failed run goes on from the failed step; finished steps do not act again. */
class ReplayTest extends AppTestBase {
    private WireMockServer wm;
    private TestHttp api;
    private WorkflowTestSupport flows;

    @BeforeEach
    void setUp() {
        wm = new WireMockServer(wireMockConfig().dynamicPort());
        wm.start();
        var users = new TestUsers(this::http);
        api = users.as(users.signUp("rita"));
        flows = new WorkflowTestSupport(api);
    }

    @AfterEach
    void tearDown() {
        wm.stop();
    }

    @Test
    void aReplayCarriesFinishedStepsOverAndRunsTheFailedOneWithAnEditedInput() {
        wm.stubFor(post("/one").willReturn(aResponse().withStatus(200)));
        wm.stubFor(post("/two").willReturn(aResponse().withStatus(404).withBody("{\"message\":\"no such board\"}")));
        wm.stubFor(post(urlPathEqualTo("/two-fixed")).willReturn(aResponse().withStatus(200)));
        wm.stubFor(post("/three").willReturn(aResponse().withStatus(200)));
        String id = flows.createAndPublish(IssueExamplesTest.THREE_CALLS);
        String failedId = flows.start(id, Map.of("base", wm.baseUrl()));
        var failed = flows.awaitEnd(failedId);
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("error").asString()).isEqualTo("two: no such board");

        var replay = api.post(
                "/api/v1/runs/" + failedId + "/replay",
                Map.of("stepInput", Map.of("method", "POST", "url", wm.baseUrl() + "/two-fixed")));
        assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
        assertThat(replay.json().get("replayOf").asString()).isEqualTo(failedId);
        var run = flows.awaitEnd(replay.json().get("runId").asString());
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.get("trigger").get("replayOf").asString()).isEqualTo(failedId);
        assertThat(run.get("steps").findValuesAsString("id")).containsExactly("one", "two", "three");

        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/one"))))
                .as("not repeated")
                .hasSize(1);
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/two")))).hasSize(1);
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/two-fixed")))).hasSize(1);
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/three")))).hasSize(1);
        assertThat(flows.run(failedId).get("status").asString())
                .as("the old run stays as it was")
                .isEqualTo("failed");
    }

    @Test
    void onlyFailedOrCancelledRunsCanBeReplayed() {
        wm.stubFor(post("/one").willReturn(aResponse().withStatus(200)));
        wm.stubFor(post("/two").willReturn(aResponse().withStatus(200)));
        wm.stubFor(post("/three").willReturn(aResponse().withStatus(200)));
        String id = flows.createAndPublish(IssueExamplesTest.THREE_CALLS);
        String ok = flows.start(id, Map.of("base", wm.baseUrl()));
        flows.awaitEnd(ok);
        var refused = api.post("/api/v1/runs/" + ok + "/replay", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("succeeded");
    }
}
