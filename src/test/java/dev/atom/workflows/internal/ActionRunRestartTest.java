package dev.atom.workflows.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.StubMount;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestUsers;
import dev.atom.workflows.internal.StepState.StepStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * A restart never sends twice: an action run whose post was cut short by a stopped worker (its attempt left
 * "running", as a killed worker leaves it) is not called again when the run resumes, since Slack cannot tell a
 * repeat; the run fails saying to check whether it arrived. A run whose send delay had not ended resumes it.
 */
@StubMount(property = "ATOM_SLACK_BASE_URL", path = "/api")
class ActionRunRestartTest extends StubbedServiceTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "xox" + "b-7777-8888-restartfaketoken";
    private static final String POST = "/api/chat.postMessage";

    @Autowired
    RunRepository runs;

    @Autowired
    RunStepRepository steps;

    @Autowired
    EngineWorker worker;

    private TestUsers.User ann;
    private String slack;

    @BeforeEach
    void annConnectsSlack() {
        var ok = aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(
                        "{\"ok\":true,\"team\":\"Acme\",\"user\":\"atom-bot\",\"team_id\":\"T1\",\"user_id\":\"U1\"}");
        STUB.stubFor(post(urlPathEqualTo("/api/auth.test")).willReturn(ok));
        STUB.stubFor(post(urlPathEqualTo(POST))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.000100\"}")));
        TestUsers users = new TestUsers(this::http);
        ann = users.signUp("ann");
        var c = users.as(ann)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "slack",
                                "name",
                                "Acme",
                                "visibility",
                                "private",
                                "credentials",
                                Map.of("bot_token", TOKEN)));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        slack = c.json().get("id").asString();
    }

    /** A queued action run posting {@code text}, as a restart finds it. */
    private String queued(String text, String sendDelay) {
        var trigger = ActionRunDefinitions.trigger(
                "chat",
                ann.id(),
                slack,
                "slack.post_message",
                JSON.readTree("{\"channel\":\"#general\",\"text\":\"" + text + "\"}"),
                sendDelay == null ? null : java.time.Duration.parse(sendDelay),
                null,
                true);
        String id = Ids.newId();
        runs.insert(Run.queued(
                id,
                ann.workspaceId(),
                ActionRunDefinitions.workflowId(slack),
                0,
                JSON.writeValueAsString(trigger),
                Instant.now()));
        return id;
    }

    @Test
    void aPostCutShortIsNotMadeAgainButAWaitingOneIsSentOnce() {
        String cut = queued("cut", null);
        Instant now = Instant.now();
        steps.save(
                new StepState(cut, "action", ann.workspaceId(), 0, StepStatus.RUNNING, 1, null, null, null, now, null));
        String waiting = queued("waited", "PT0.2S");
        worker.wake();

        Run failed = ended(cut);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.error()).contains("not made again", "check whether it arrived");
        assertThat(ended(waiting).status()).isEqualTo(RunStatus.SUCCEEDED);
        STUB.verify(1, postRequestedFor(urlPathEqualTo(POST)));
        STUB.verify(
                0,
                postRequestedFor(urlPathEqualTo(POST))
                        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("text=cut")));
    }

    private Run ended(String id) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            Run run = runs.find(ann.workspaceId(), id).orElseThrow();
            if (run.status().terminal() || System.nanoTime() > deadline) {
                return run;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return run;
            }
        }
    }
}
