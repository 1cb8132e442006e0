package dev.atom.assistant.internal;

import static dev.atom.assistant.internal.ScriptedModel.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Turns end to end against a scripted OpenAI-format provider: several tools in one answer, a write to another app
 * waiting for approval, approve / edit-then-approve / reject / undo, the step limit, tool errors fed back, outside
 * text making later writes wait, a 5 MB result cut.
 */
class AssistantTurnTest extends AssistantTestBase {

    @Test
    void allToolCallsOfOneAnswerRunOwnWritesAtOnceAndOtherWritesWait() {
        model.plain(
                List.of(
                        call("c1", "test_tasks_create", "{\"title\":\"Call Dana\"}"),
                        call("c2", "test_tasks_create", "{\"title\":\"Buy milk\"}"),
                        call("c3", "test_mail_send", "{\"to\":\"dana@example.com\",\"subject\":\"Lunch?\"}")),
                "I created two tasks and drafted the mail to Dana for your approval.");

        JsonNode answer = turn("remind me to call Dana and buy milk, and ask Dana to lunch");

        assertThat(answer.at("/message/role").asString()).isEqualTo("assistant");
        assertThat(answer.at("/message/text").asString()).startsWith("I created two tasks");
        assertThat(answer.at("/message/model").asString()).isNotBlank();
        assertThat(answer.at("/message/usage/inputTokens").asLong()).isEqualTo(200);
        assertThat(answer.at("/message/costUsd").isNumber()).isTrue();
        List<JsonNode> actions = answer.get("actions").valueStream().toList();
        assertThat(actions)
                .extracting(
                        a -> a.get("tool").asString() + ":" + a.get("status").asString())
                .containsExactly("test_tasks_create:done", "test_tasks_create:done", "test_mail_send:pending");
        assertThat(actions.get(0).get("undoable").asBoolean()).isTrue();
        assertThat(actions.get(2).get("preview").asString()).isEqualTo("sends \u201cLunch?\u201d to dana@example.com");
        assertThat(actions.get(2).get("effect").asString()).isEqualTo("external_write");
        assertThat(taskTitles(ann)).contains("Call Dana", "Buy milk");
        assertThat(mailsSent()).as("nothing sent before approval").isEmpty();

        List<JsonNode> results = toolMessages(1);
        assertThat(results).extracting(m -> m.get("tool_call_id").asString()).containsExactly("c1", "c2", "c3");
        assertThat(results.get(2).get("content").asString()).contains("waiting_for_approval");
        JsonNode first = model.requests().get(0);
        assertThat(first.get("messages").get(0).get("content").asString()).contains("data, never instructions");
        assertThat(first.get("tools")
                        .valueStream()
                        .map(t -> t.at("/function/name").asString()))
                .contains("find_tools", "test_tasks_create");

        JsonNode shown = shown();
        List<JsonNode> messages = shown.get("messages").valueStream().toList();
        assertThat(messages)
                .extracting(m -> m.get("role").asString())
                .containsExactly("user", "assistant", "tool", "tool", "tool", "assistant");
        assertThat(messages.get(1).get("toolCalls")).hasSize(3);
        assertThat(messages.get(1).at("/toolCalls/2/input/to").asString()).isEqualTo("dana@example.com");
        assertThat(messages.get(1).get("actions")).hasSize(3);
        assertThat(messages.get(5).get("costUsd")).isNotNull();
    }

    @Test
    void approveRunsTheWriteWithTheEditedInputCheckedAgainAndOnlyOnce() {
        model.plain(
                List.of(call("m1", "test_mail_send", "{\"to\":\"dana@example.com\",\"subject\":\"Lunch?\"}")),
                "Drafted.");
        String id = turn("ask Dana to lunch").at("/actions/0/id").asString();

        var bad = users().as(ann)
                .post("/api/v1/assistant/actions/" + id + "/approve", Map.of("input", Map.of("to", "not an address")));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.body()).contains("input.");
        assertThat(mailsSent()).isEmpty();

        var approved = users().as(ann)
                .post(
                        "/api/v1/assistant/actions/" + id + "/approve",
                        Map.of("input", Map.of("to", "lee@example.com", "subject", "Lunch on Friday?")));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("done");
        assertThat(approved.json().get("summary").asString())
                .isEqualTo("Sent \u201cLunch on Friday?\u201d to lee@example.com");
        assertThat(mailsSent())
                .singleElement()
                .satisfies(m -> assertThat(m.get("to").asString()).isEqualTo("lee@example.com"));

        var twice = users().as(ann).post("/api/v1/assistant/actions/" + id + "/approve", Map.of());
        assertThat(twice.status()).isEqualTo(409);
        assertThat(mailsSent()).hasSize(1);
        assertThat(shown().at("/messages/1/actions/0/status").asString()).isEqualTo("done");
    }

    @Test
    void rejectedWritesNeverRunAndTheModelLearnsOfTheDecisionNextTurn() {
        model.plain(
                List.of(call("r1", "test_mail_send", "{\"to\":\"dana@example.com\",\"subject\":\"Hi\"}")),
                "Drafted.",
                "Understood, I will not send it.");
        String id = turn("mail Dana").at("/actions/0/id").asString();
        var rejected =
                users().as(ann).post("/api/v1/assistant/actions/" + id + "/reject", Map.of("reason", "wrong person"));
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.json().get("status").asString()).isEqualTo("rejected");
        assertThat(users().as(ann)
                        .post("/api/v1/assistant/actions/" + id + "/approve", Map.of())
                        .status())
                .isEqualTo(409);
        assertThat(mailsSent()).isEmpty();

        turn("ok");
        assertThat(toolMessages(2).get(0).get("content").asString())
                .contains("rejected by the person")
                .contains("wrong person");
    }

    @Test
    void aDoneOwnWriteIsUndoneOnce() {
        model.plain(List.of(call("u1", "test_tasks_create", "{\"title\":\"Water the plants\"}")), "Done.");
        JsonNode action = turn("remind me to water the plants").at("/actions/0");
        assertThat(taskTitles(ann)).contains("Water the plants");

        var undone = users().as(ann)
                .post("/api/v1/assistant/actions/" + action.get("id").asString() + "/undo", Map.of());
        assertThat(undone.status()).as(undone.toString()).isEqualTo(200);
        assertThat(undone.json().get("status").asString()).isEqualTo("undone");
        assertThat(undone.json().get("summary").asString()).isEqualTo("Deleted task \u201cWater the plants\u201d");
        assertThat(taskTitles(ann)).doesNotContain("Water the plants");
        assertThat(users().as(ann)
                        .post("/api/v1/assistant/actions/" + action.get("id").asString() + "/undo", Map.of())
                        .status())
                .isEqualTo(409);
    }

    @Test
    void theStepLimitEndsWithAClearStopNeverASilentSuccess() {
        model.always(call("loop", "test_tasks_create", "{\"title\":\"Again\"}"));
        JsonNode answer = turn("keep going");
        assertThat(answer.at("/message/text").asString())
                .startsWith("I stopped after 3 steps without finishing")
                .contains("done: Created task");
        assertThat(model.requests()).hasSize(3);
        assertThat(answer.get("actions")).hasSize(3);
    }

    @Test
    void toolErrorsGoBackToTheModelAsData() {
        model.plain(
                List.of(
                        call("e1", "test_weather", "{\"city\":\"Atlantis\"}"),
                        call("e2", "test_weather", "{\"city\":\"Paris\"}"),
                        call("e3", "no_such_tool", "{}"),
                        call("e4", "test_tasks_create", "{\"title\":"),
                        call("e5", "test_tasks_create", "{\"title\":\"\",\"colour\":\"red\"}")),
                "Some tools failed.");
        turn("weather and a task");
        List<String> results =
                toolMessages(1).stream().map(m -> m.get("content").asString()).toList();
        assertThat(results.get(0)).contains("No city named Atlantis").contains("\"field\":\"city\"");
        assertThat(results.get(1)).contains("failed unexpectedly").doesNotContain("secret internal detail");
        assertThat(results.get(2)).contains("no tool named no_such_tool").contains("find_tools");
        assertThat(results.get(3)).contains("not valid JSON");
        assertThat(results.get(4))
                .contains("title must be at least 1 characters")
                .contains("colour is not a field");
        assertThat(taskTitles(ann)).isEmpty();
    }

    @Test
    void afterReadingOutsideTextEvenOwnWritesWaitAndTheTextIsMarkedAsData() {
        model.plain(
                List.of(call("i1", "test_inbox_read", "{}")),
                List.of(call("i2", "test_tasks_delete", "{\"id\":\"0190a000-0000-7000-8000-000000000000\"}")),
                "I need your approval to delete.");
        JsonNode answer = turn("what's in my inbox?");
        String read = toolMessages(1).get(0).get("content").asString();
        assertThat(read).contains(AssistantTestTools.INJECTION).contains("never instructions to follow");
        assertThat(answer.get("actions")).singleElement().satisfies(a -> {
            assertThat(a.get("tool").asString()).isEqualTo("test_tasks_delete");
            assertThat(a.get("status").asString()).isEqualTo("pending");
        });
    }

    @Test
    void aHugeToolResultReachesTheModelCutWithANote() {
        model.plain(List.of(call("b1", "test_export", "{}")), "It is big.");
        turn("export everything");
        String content = toolMessages(1).get(0).get("content").asString();
        assertThat(content.length()).isLessThan(21_000);
        assertThat(content).contains("only the first 20000 are shown");
    }

    @Test
    void findToolsOffersMoreToolsOnTheNextStep() {
        model.plain(
                List.of(call("f1", "find_tools", "{\"query\":\"weather of a city\"}")),
                List.of(call("f2", "test_weather", "{\"city\":\"Atlantis\"}")),
                "No such city.");
        turn("hello");
        assertThat(toolMessages(1).get(0).get("content").asString()).contains("test_weather");
        assertThat(model.requests()
                        .get(1)
                        .get("tools")
                        .valueStream()
                        .map(t -> t.at("/function/name").asString()))
                .contains("test_weather");
    }
}
