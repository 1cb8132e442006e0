package dev.atom.assistant.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.atom.assistant.internal.ScriptedModel.call;
import static dev.atom.testing.StubbedServiceTestBase.STUB;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Actions reaching another app run as workflow runs, end to end through the API against a Slack stub checked with
 * the Slack spec: an approved assistant action is a run with trigger {@code chat} (its input and output in the
 * run, retried once on a 503), held for the send delay, stopped by undo with nothing sent, sent exactly once after
 * the delay; a direct API action call is a run with trigger {@code api}. The send delay is 3 s here.
 */
@StubMount(property = "ATOM_SLACK_BASE_URL", path = "/api")
class ActionRunsTest extends AssistantTestBase {
    private static final String TOKEN = "xox" + "b-5555-6666-runsfaketoken"; // a fake, split for secret scanners
    private static final String POSTED = "{\"ok\":true,\"channel\":\"C024BE91L\",\"ts\":\"1700000000.000100\"}";
    private static final String POST = "/api/chat.postMessage";

    private String slack;

    @DynamicPropertySource
    static void slackStubAndASendDelay(DynamicPropertyRegistry registry) {
        StubbedServiceTestBase.stubbedServices(registry);
        registry.add("atom.assistant.send-delay", () -> "3s");
    }

    @BeforeEach
    void annConnectsSlack() {
        STUB.resetAll();
        STUB.stubFor(post(urlPathEqualTo("/api/auth.test"))
                .willReturn(json("{\"ok\":true,\"team\":\"Acme\",\"user\":\"atom-bot\",\"team_id\":\"T1\","
                        + "\"user_id\":\"U1\"}")));
        STUB.stubFor(get(urlPathEqualTo("/api/auth.test"))
                .willReturn(json("{\"ok\":true,\"team\":\"Acme\",\"user\":\"atom-bot\"}")));
        var c = users().as(ann)
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

    @AfterEach
    void everyRequestIsOneSlackAccepts() {
        OpenApiContract.subset(
                        "slack-web-subset.json",
                        Map.of("DROP_HEADER_PARAMS", "token", OpenApiContract.DROP_PARAMS, "token"),
                        "*")
                .assertRequestsValid(STUB, "/api");
    }

    @Test
    void anApprovedPostIsAChatRunHeldForTheDelayRetriedOnceOnA503AndSentOnce() {
        STUB.stubFor(post(urlPathEqualTo(POST))
                .inScenario("503 once")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        STUB.stubFor(post(urlPathEqualTo(POST))
                .inScenario("503 once")
                .whenScenarioStateIs("up")
                .willReturn(json(POSTED)));
        model.plain(posting("Hello"), "Drafted.");
        JsonNode action = approved("Hello");
        assertThat(action.get("preview").asString()).contains("Undo stops it", "cannot be undone");
        assertThat(action.get("undoable").asBoolean()).isTrue();
        String runId = action.get("runId").asString();

        JsonNode run = ended(runId);
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.at("/trigger/type").asString()).isEqualTo("chat");
        assertThat(run.at("/trigger/action/input/text").asString()).isEqualTo("Hello");
        assertThat(run.at("/output/channel").asString()).isEqualTo("C024BE91L");
        assertThat(run.get("steps")
                        .valueStream()
                        .map(s -> s.get("id").asString() + ":" + s.get("status").asString()))
                .containsExactly("send_delay:succeeded", "action:succeeded");
        assertThat(run.at("/steps/1/attempts").asInt())
                .as("a 503, then the post")
                .isEqualTo(2);
        STUB.verify(
                2,
                postRequestedFor(urlPathEqualTo(POST))
                        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                        .withRequestBody(equalTo("channel=%23general&text=Hello")));

        assertThat(runIds("chat")).contains(runId);
        assertThat(runIds("api")).doesNotContain(runId);
        var late = users().as(ann)
                .post("/api/v1/assistant/actions/" + action.get("id").asString() + "/undo", Map.of());
        assertThat(late.status()).as(late.toString()).isEqualTo(409);
        assertThat(late.body()).contains("can no longer be stopped");
    }

    @Test
    void undoWithinTheDelayStopsTheRunAndNothingIsSentWhileWithoutUndoItIsSentExactlyOnce() throws Exception {
        STUB.stubFor(post(urlPathEqualTo(POST)).willReturn(json(POSTED)));
        model.plain(posting("Oops"), "Drafted.", posting("Hello"), "Drafted.");
        JsonNode stopped = approved("Oops");
        var undo = users().as(ann)
                .post("/api/v1/assistant/actions/" + stopped.get("id").asString() + "/undo", Map.of());
        assertThat(undo.status()).as(undo.toString()).isEqualTo(200);
        assertThat(undo.json().get("status").asString()).isEqualTo("undone");
        assertThat(undo.json().get("summary").asString()).contains("nothing was sent");

        JsonNode sent = approved("Hello");
        // the second run is due after the first would have been: once it has sent, the first had its chance
        assertThat(ended(sent.get("runId").asString()).get("status").asString()).isEqualTo("succeeded");
        assertThat(ended(stopped.get("runId").asString()).get("status").asString())
                .isEqualTo("cancelled");
        STUB.verify(1, postRequestedFor(urlPathEqualTo(POST)));
        STUB.verify(
                1, postRequestedFor(urlPathEqualTo(POST)).withRequestBody(equalTo("channel=%23general&text=Hello")));
    }

    @Test
    void aDirectActionCallIsAnApiRunInTheCallLogAndOnlyItsCallerSeesIt() {
        STUB.stubFor(post(urlPathEqualTo(POST)).willReturn(json(POSTED)));
        var r = users().as(ann)
                .post(
                        "/api/v1/connections/" + slack + "/actions/slack.post_message",
                        Map.of("channel", "#general", "text", "Hi"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/channel").asString()).isEqualTo("C024BE91L");
        String runId = r.json().get("runId").asString();
        STUB.verify(1, postRequestedFor(urlPathEqualTo(POST)).withRequestBody(equalTo("channel=%23general&text=Hi")));

        JsonNode run = users().as(ann).get("/api/v1/runs/" + runId).json();
        assertThat(run.get("status").asString()).isEqualTo("succeeded");
        assertThat(run.at("/trigger/type").asString()).isEqualTo("api");
        assertThat(run.at("/trigger/action/input/text").asString()).isEqualTo("Hi");
        assertThat(runIds("api")).contains(runId);
        JsonNode call = users().as(ann)
                .get("/api/v1/connections/" + slack + "/calls")
                .json()
                .at("/items/0");
        assertThat(call.get("action").asString()).isEqualTo("slack.post_message");
        assertThat(call.get("user").asString()).isEqualTo(ann.id());

        TestUsers.User bob = users().invite("bob", ann, "member");
        assertThat(users().as(bob).get("/api/v1/runs/" + runId).status()).isEqualTo(404);
        assertThat(users().as(bob)
                        .get("/api/v1/runs?trigger=api")
                        .json()
                        .get("items")
                        .valueStream()
                        .map(x -> x.get("id").asString()))
                .doesNotContain(runId);
        var refused = users().as(bob)
                .post(
                        "/api/v1/connections/" + slack + "/actions/slack.post_message",
                        Map.of("channel", "#general", "text", "Bob's"));
        assertThat(refused.status()).as("ann's private connection").isEqualTo(404);
        var bad = users().as(ann).get("/api/v1/runs?trigger=NOT%20A%20TYPE");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("trigger");
        STUB.verify(1, postRequestedFor(urlPathEqualTo(POST)));
    }

    /** The model's call posting {@code text} to #general. */
    private static List<ScriptedModel.Call> posting(String text) {
        return List.of(call("p-" + text, "slack_post_message", "{\"channel\":\"#general\",\"text\":\"" + text + "\"}"));
    }

    /** Ann asks for the post the model is scripted to propose, and approves it: the action as approved. */
    private JsonNode approved(String text) {
        JsonNode proposed = turn("tell #general " + text).at("/actions/0");
        assertThat(proposed.get("status").asString()).as(proposed.toString()).isEqualTo("pending");
        var r = users().as(ann)
                .post("/api/v1/assistant/actions/" + proposed.get("id").asString() + "/approve", Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("done");
        assertThat(r.json().get("summary").asString()).contains("unless you undo it");
        return r.json();
    }

    /** The run once it has ended (a bounded wait: the delay, a back-off, a worker's turn). */
    private JsonNode ended(String runId) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            JsonNode run = users().as(ann).get("/api/v1/runs/" + runId).json();
            String status = run.get("status").asString();
            if (List.of("succeeded", "failed", "cancelled").contains(status) || System.nanoTime() > deadline) {
                return run;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return run;
            }
        }
    }

    private List<String> runIds(String trigger) {
        var r = users().as(ann).get("/api/v1/runs?trigger=" + trigger);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json()
                .get("items")
                .valueStream()
                .map(x -> x.get("id").asString())
                .toList();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }
}
