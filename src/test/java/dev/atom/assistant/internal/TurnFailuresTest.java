package dev.atom.assistant.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.atom.assistant.internal.ScriptedModel.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.atom.ai.ledger.UsageLedger;
import dev.atom.ai.ledger.UsageRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A turn when the model side fails: the provider breaking mid-turn fails over per the workspace's routing (and the
 * ledger shows each attempt with source chat), an exhausted budget and a model without a key end the turn with
 * an answer that says so, never a 500.
 */
class TurnFailuresTest extends AssistantTestBase {
    private static final String LUNA = "openai/gpt-5.6-luna";

    @Autowired
    UsageLedger ledger;

    @Test
    void aProviderFailingMidTurnFailsOverToTheNextModelOfTheRoutingAndTheLedgerSaysChat() {
        var routing = users().as(ann)
                .put("/api/v1/ai/routing", Map.of("models", List.of(LUNA, "anthropic/claude-haiku-5-5")));
        assertThat(routing.status()).as(routing.toString()).isEqualTo(200);
        // OpenAI answers the first call with a tool call, then breaks with a documented 500
        model.plain(List.of(call("f1", "test_tasks_create", "{\"title\":\"Survive the outage\"}")));
        provider.stubFor(post(urlPathEqualTo("/" + prefix + "/v1/chat/completions"))
                .inScenario(prefix)
                .whenScenarioStateIs("step1")
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"The server had an error while processing your request.\","
                                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}")));
        String claudePrefix = prefix("claude");
        ScriptedAnthropic claude = new ScriptedAnthropic(provider, claudePrefix);
        claude.plain("Done, despite the outage.");
        addKey(ann, "anthropic", claudePrefix);
        assertThat(Scenario.STARTED).isNotNull();

        JsonNode answer = turn("remind me to survive the outage");

        assertThat(answer.at("/message/text").asString()).isEqualTo("Done, despite the outage.");
        assertThat(answer.at("/message/model").asString()).isEqualTo("anthropic/claude-haiku-5-5");
        assertThat(answer.has("error")).isFalse();
        assertThat(taskTitles(ann)).containsOnlyOnce("Survive the outage");
        assertThat(claude.toolResults(claude.requests().get(0)))
                .singleElement()
                .satisfies(r -> assertThat(r[0]).isEqualTo("f1"));

        String said = shown().at("/messages/0/id").asString();
        List<UsageRecord> rows = ledger.byRequest(ann.workspaceId(), "chat-" + said);
        assertThat(rows)
                .extracting(UsageRecord::model, UsageRecord::outcome, UsageRecord::source)
                .containsExactly(
                        tuple(LUNA, "ok", "chat"),
                        tuple(LUNA, "failed_over", "chat"),
                        tuple("anthropic/claude-haiku-5-5", "ok", "chat"));
        assertThat(rows).allSatisfy(r -> assertThat(r.userId()).isEqualTo(ann.id()));
    }

    @Test
    void anExhaustedBudgetEndsTheTurnWithAClearAnswerNot500() {
        var budget =
                users().as(ann).put("/api/v1/ai/budgets", Map.of("scope", "user", "period", "day", "limitUsd", 0.0001));
        assertThat(budget.status()).as(budget.toString()).isEqualTo(200);
        model.plain("never asked");

        var plain = say("what is on today?");
        assertThat(plain.status()).as(plain.toString()).isEqualTo(200);
        assertThat(plain.json().at("/message/text").asString())
                .startsWith("I could not finish: your AI budget is used up.")
                .contains("daily AI budget is $0.0001")
                .contains("Nothing was changed.");
        assertThat(plain.json().at("/error/code").asString()).isEqualTo("budget_exceeded");

        var streamed = users().as(ann)
                .header("Accept", "text/event-stream")
                .post("/api/v1/assistant/conversations/" + conversation + "/messages", Map.of("text", "and now?"));
        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.body()).contains("event: error").contains("budget_exceeded");
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void aModelWithoutAKeyIsNamedInTheAnswer() {
        var r = users().as(ann)
                .post(
                        "/api/v1/assistant/conversations/" + conversation + "/messages",
                        Map.of("text", "what is the capital of France?", "model", "gemini/gemini-3.8-flash"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/message/text").asString())
                .contains("gemini/gemini-3.8-flash")
                .contains("key");
        assertThat(model.requests())
                .as("another provider's key is not used for it")
                .isEmpty();
    }
}
