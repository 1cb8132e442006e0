package dev.atom.workflows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.ai.gateway.GatewayTestBase;
import dev.atom.testing.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** AI steps against a stubbed OpenAI provider: plain text, schema-checked data with one retry, the ledger. */
class AiStepTest extends GatewayTestBase {
    private static final String RETRY_TEXT = "That answer is not valid";
    private TestUsers.User owner;
    private WorkflowTestSupport flows;
    private String prefix;

    @BeforeEach
    void setUp() {
        owner = users().signUp("jade");
        flows = new WorkflowTestSupport(users().as(owner));
        prefix = prefix("openai");
        addKey(owner, "openai", prefix);
    }

    private static final String SCHEMA = ", \"schema\": { \"type\": \"object\", \"required\": [\"priority\"],"
            + " \"properties\": { \"priority\": { \"enum\": [\"low\", \"high\"] } } }";

    private String completions() {
        return "/" + prefix + "/v1/chat/completions";
    }

    /**
     * The stub's answers: the first to a first request, the second to a request that says the answer was
     * not valid. Matched by body rather than by order, so a retried call gets the same answer.
     */
    private void answers(String... texts) {
        for (int i = 0; i < texts.length; i++) {
            var body = i == 0 ? notContaining(RETRY_TEXT) : containing(RETRY_TEXT);
            provider.stubFor(post(urlPathEqualTo(completions()))
                    .withRequestBody(body)
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody(answer(texts[i], 12, 7, 0))));
        }
    }

    /** A DeepSeek key for the owner whose stubbed provider always answers {@code text}; its path prefix. */
    private String deepSeekAnswering(String text) {
        String deepseek = prefix("deepseek");
        addKey(owner, "deepseek", deepseek);
        provider.stubFor(post(urlPathEqualTo("/" + deepseek + "/v1/chat/completions"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(answer(text, 5, 3, 0))));
        return deepseek;
    }

    private static String flow(String extra) {
        return """
                { "name": "Ask", "trigger": { "type": "manual" },
                  "steps": [ { "id": "think", "type": "ai", "model": "openai/gpt-5.6-luna",
                               "prompt": "Classify: {{ trigger.input.text }}" %s } ] }
                """.formatted(extra);
    }

    @Test
    void aPromptGoesThroughTheGatewayAndTheAnswerIsTheOutput() {
        answers("It is a bug.");
        String id = flows.createAndPublish(flow(", \"system\": \"Be brief.\""));
        var run = flows.awaitEnd(flows.start(id, Map.of("text", "it crashes")));
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        JsonNode out = run.get("steps").get(0).get("output");
        assertThat(out.get("text").asString()).isEqualTo("It is a bug.");
        assertThat(out.get("model").asString()).isEqualTo("openai/gpt-5.6-luna");
        assertThat(out.get("usage").get("inputTokens").asLong()).isEqualTo(12);
        var sent = provider.findAll(postRequestedFor(urlPathEqualTo(completions())));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getBodyAsString())
                .contains("Classify: it crashes")
                .contains("Be brief.");
        awaitLedgerCalls(1);
    }

    @Test
    void structuredOutputIsCheckedAndAskedForAgainOnce() {
        answers("not json at all", "{\\\"priority\\\":\\\"high\\\",\\\"score\\\":3}");
        String id = flows.createAndPublish(
                flow(
                        ", \"schema\": { \"type\": \"object\", \"required\": [\"priority\"],"
                                + " \"properties\": { \"priority\": { \"enum\": [\"low\", \"high\"] }, \"score\": { \"type\": \"integer\" } } }"));
        var run = flows.awaitEnd(flows.start(id, Map.of("text", "x")));
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.get("output").get("data").get("priority").asString()).isEqualTo("high");
        var retried = provider.findAll(postRequestedFor(urlPathEqualTo(completions()))
                .withRequestBody(containing(RETRY_TEXT + ": it is not JSON")));
        assertThat(retried).isNotEmpty();
        awaitLedgerCalls(2);
    }

    @Test
    void anObjectSchemaIsAlsoSentAsTheProvidersNativeStructuredOutput() {
        answers("{\\\"priority\\\":\\\"low\\\"}");
        String id = flows.createAndPublish(flow(SCHEMA));
        var run = flows.awaitEnd(flows.start(id, Map.of("text", "x")));
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        var sent = provider.findAll(postRequestedFor(urlPathEqualTo(completions())));
        JsonNode format =
                WorkflowTestSupport.JSON.readTree(sent.get(0).getBodyAsString()).get("response_format");
        assertThat(format.get("type").asString()).isEqualTo("json_schema");
        assertThat(format.get("json_schema").get("strict").asBoolean()).isFalse();
        assertThat(format.get("json_schema")
                        .get("schema")
                        .get("required")
                        .get(0)
                        .asString())
                .isEqualTo("priority");
    }

    @Test
    void aModelWithoutNativeStructuredOutputGetsTheSchemaInThePromptOnly() {
        String deepseek = deepSeekAnswering("{\\\"priority\\\":\\\"high\\\"}");
        String id = flows.createAndPublish(flow(SCHEMA).replace("openai/gpt-5.6-luna", "deepseek/deepseek-chat"));
        var run = flows.awaitEnd(flows.start(id, Map.of("text", "x")));
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.get("output").get("data").get("priority").asString()).isEqualTo("high");
        var sent = provider.findAll(postRequestedFor(urlPathEqualTo("/" + deepseek + "/v1/chat/completions")));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getBodyAsString())
                .doesNotContain("response_format")
                .contains("matches this JSON Schema");
    }

    @Test
    void aStepWithoutAModelFollowsTheWorkspacesDefaultRouting() {
        answers("from openai");
        String deepseek = deepSeekAnswering("from deepseek");
        // atom/balanced would pick deepseek-reasoner from these keys; the workspace wants OpenAI's terra
        var routing = users().as(owner)
                .put("/api/v1/ai/routing", Map.of("models", List.of("openai/gpt-5.6-terra", "atom/balanced")));
        assertThat(routing.status()).as(routing.toString()).isEqualTo(200);

        String id = flows.createAndPublish(flow("").replace("\"model\": \"openai/gpt-5.6-luna\",", ""));
        var run = flows.awaitEnd(flows.start(id, Map.of("text", "x")));

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        JsonNode step = run.get("steps").get(0);
        assertThat(step.get("output").get("model").asString()).isEqualTo("openai/gpt-5.6-terra");
        assertThat(step.get("output").get("text").asString()).isEqualTo("from openai");
        assertThat(provider.findAll(postRequestedFor(urlPathEqualTo(completions()))
                        .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-5.6-terra")))))
                .hasSize(1);
        assertThat(provider.findAll(postRequestedFor(urlPathEqualTo("/" + deepseek + "/v1/chat/completions"))))
                .isEmpty();
        assertThat(step.get("input").get("model").asString()).isEqualTo("atom/default");
    }

    @Test
    void twoAnswersThatMissTheSchemaFailTheStepWithTheReason() {
        answers("{\\\"priority\\\":\\\"urgent\\\"}", "{\\\"score\\\":1.5}");
        String id = flows.createAndPublish(
                flow(
                        ", \"schema\": { \"type\": \"object\", \"required\": [\"priority\"],"
                                + " \"properties\": { \"priority\": { \"enum\": [\"low\", \"high\"] }, \"score\": { \"type\": \"integer\" } } }"));
        var run = flows.awaitEnd(flows.start(id, Map.of("text", "x")));
        assertThat(run.get("status").asString()).isEqualTo("failed");
        assertThat(run.get("error").asString())
                .isEqualTo("think: the model's answer did not match the schema twice: $.priority: is required;"
                        + " $.score: must be a whole number");
    }

    @Test
    void aBadSchemaIsRefusedWhenTheDefinitionIsChecked() {
        var r = users().as(owner)
                .post(
                        "/api/v1/workflows",
                        Map.of(
                                "definition",
                                WorkflowTestSupport.JSON.readTree(
                                        flow(", \"schema\": { \"type\": \"thing\", \"properties\": [] }"))));
        assertThat(WorkflowTestSupport.errors(r))
                .containsExactlyInAnyOrder(
                        "steps[0].schema.type: must be one of array, boolean, integer, null, number, object, string",
                        "steps[0].schema.properties: must be an object of schemas");
    }

    private void awaitLedgerCalls(long calls) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        long seen = -1;
        while (Instant.now().isBefore(deadline)) {
            seen = users().as(owner)
                    .get("/api/v1/ai/usage?groupBy=model")
                    .json()
                    .get("totals")
                    .get("calls")
                    .asLong();
            if (seen >= calls) { // at least: a call the client gave up on (timeout) may be on it too
                return;
            }
            WorkflowTestSupport.sleep(100);
        }
        assertThat(seen).as("AI calls on the ledger").isGreaterThanOrEqualTo(calls);
    }
}
