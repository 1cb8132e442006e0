package dev.atom.workflows.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.atom.shared.Ids;
import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import dev.atom.workflows.WorkflowTestSupport;
import dev.atom.workflows.internal.StepState.StepStatus;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Attempts cut short by a stopped worker do not use up a step's retry policy (a restart never fails a run),
 * but a step that was cut short too often gives up, so a call that brings Atom down cannot do so forever.
 * The runs are set up as a killed worker leaves them: the step saved as running, earlier attempts on record
 * as interrupted.
 */
class InterruptedAttemptsTest extends AppTestBase {
    private static final String ONE_CALL = """
            { "name": "One call", "trigger": { "type": "manual" },
              "steps": [ { "id": "call", "action": "http.request", "retry": { "max": 3, "backoff": "PT0.01S" },
                           "input": { "method": "POST", "url": "{{ trigger.input.base }}/call" } } ] }
            """;

    @Autowired
    RunRepository runs;

    @Autowired
    RunStepRepository steps;

    @Autowired
    EngineWorker worker;

    private final WireMockServer wm = new WireMockServer(wireMockConfig().dynamicPort());
    private WorkflowTestSupport flows;
    private TestUsers.User user;

    @BeforeEach
    void setUp() {
        wm.start();
        wm.stubFor(post("/call").willReturn(aResponse().withStatus(200)));
        user = new TestUsers(this::http).signUp("ines");
        flows = new WorkflowTestSupport(new TestUsers(this::http).as(user));
    }

    @AfterEach
    void tearDown() {
        wm.stop();
    }

    /** A queued run whose step {@code call} was cut short {@code times} times (the last left "running"). */
    private String cutShort(String workflowId, int times) {
        Instant now = Instant.now();
        String runId = Ids.newId();
        String trigger = "{\"type\":\"manual\",\"input\":{\"base\":\"" + wm.baseUrl() + "\"}}";
        runs.insert(Run.queued(runId, user.workspaceId(), workflowId, 1, trigger, now));
        for (int attempt = 1; attempt <= times; attempt++) {
            steps.save(new StepState(
                    runId, "call", user.workspaceId(), 0, StepStatus.RUNNING, attempt, null, null, null, now, null));
        }
        worker.wake();
        return runId;
    }

    @Test
    void attemptsCutShortDoNotUseUpTheRetryPolicy() {
        String id = flows.createAndPublish(ONE_CALL);
        var run = flows.awaitEnd(cutShort(id, 3));
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        var step = run.get("steps").get(0);
        assertThat(step.get("attempts").asInt()).isEqualTo(4);
        assertThat(step.get("attemptHistory").findValuesAsString("outcome"))
                .containsExactly("interrupted", "interrupted", "interrupted", "succeeded");
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/call")))).hasSize(1);
    }

    @Test
    void aStepCutShortTooOftenGivesUpWithoutCallingAgain() {
        String id = flows.createAndPublish(ONE_CALL);
        var run = flows.awaitEnd(cutShort(id, ActionStep.MAX_INTERRUPTIONS + 1));
        assertThat(run.get("status").asString()).isEqualTo("failed");
        assertThat(run.get("error").asString())
                .isEqualTo(
                        "call: gave up: Atom stopped during 11 attempts of this step; the call may be what stops it");
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/call")))).isEmpty();
    }
}
