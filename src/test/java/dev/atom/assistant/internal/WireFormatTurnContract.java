package dev.atom.assistant.internal;

import static dev.atom.assistant.internal.ScriptedModel.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Multi-turn conversations end to end against one vendor's own wire format, through the gateway's translation both
 * ways: tools offered in the vendor's shape, several tool calls in one answer all run, their results sent back
 * answering each call, approval, edit-then-approve and rejection, a tool error fed back, plain and streamed.
 * Subclasses pick the vendor and, where its key needs more than a base URL, how the key is added.
 */
abstract class WireFormatTurnContract extends AssistantTestBase {
    protected ScriptedWire wire;

    abstract ScriptedWire wire(String prefix);

    @BeforeEach
    void aKeyOfTheVendor() {
        String vendor = prefix("vendor");
        wire = wire(vendor);
        addVendorKey(vendor);
    }

    /** Adds Ann's key of the vendor, reaching the WireMock path prefix {@code vendor}. */
    void addVendorKey(String vendor) {
        addKey(ann, wire.provider(), vendor);
    }

    /** Adds Ann's key as given (for vendors whose key needs more than {@link #addKey}'s fields). */
    protected void addKey(Map<String, Object> key) {
        var r = users().as(ann).post("/api/v1/ai/keys", key);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    /** The WireMock root of a path prefix, as a key's base URL. */
    protected static String root(String vendor) {
        return "http://127.0.0.1:" + provider.port() + "/" + vendor;
    }

    private TestHttp.Response ask(String text, boolean stream) {
        var as = users().as(ann);
        if (stream) {
            as = as.header("Accept", "text/event-stream");
        }
        return as.post(
                "/api/v1/assistant/conversations/" + conversation + "/messages",
                Map.of("text", text, "model", wire.model()));
    }

    private JsonNode answer(String text) {
        var r = ask(text, false);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void severalToolCallsInOneAnswerAllRunAndEachResultAnswersItsCall() {
        wire.plain(
                List.of(
                        call("toolu_1", "test_tasks_create", "{\"title\":\"Call Dana\"}"),
                        call("toolu_2", "test_tasks_create", "{\"title\":\"Buy milk\"}"),
                        call("toolu_3", "test_mail_send", "{\"to\":\"dana@example.com\",\"subject\":\"Lunch?\"}")),
                "Two tasks made; the mail waits for you.");

        JsonNode answer = answer("remind me to call Dana and buy milk, and ask Dana to lunch");

        assertThat(answer.at("/message/text").asString()).isEqualTo("Two tasks made; the mail waits for you.");
        assertThat(answer.at("/message/model").asString()).isEqualTo(wire.model());
        assertThat(answer.at("/message/usage/inputTokens").asLong()).isEqualTo(200);
        assertThat(answer.get("actions")
                        .valueStream()
                        .map(a ->
                                a.get("tool").asString() + ":" + a.get("status").asString()))
                .containsExactly("test_tasks_create:done", "test_tasks_create:done", "test_mail_send:pending");
        assertThat(taskTitles(ann)).contains("Call Dana", "Buy milk");
        assertThat(mailsSent()).isEmpty();

        List<JsonNode> sent = wire.requests();
        assertThat(sent).hasSize(2);
        assertThat(wire.toolNames(sent.get(0))).contains("find_tools", "test_tasks_create");
        assertThat(wire.echoedCalls(sent.get(1)))
                .extracting(c -> c[0] + " " + c[1])
                .containsExactly(
                        "test_tasks_create {\"title\":\"Call Dana\"}",
                        "test_tasks_create {\"title\":\"Buy milk\"}",
                        "test_mail_send {\"to\":\"dana@example.com\",\"subject\":\"Lunch?\"}");
        List<String[]> results = wire.toolResults(sent.get(1));
        assertThat(results).hasSize(3);
        assertResultAnswers(results.get(0), "toolu_1", "test_tasks_create");
        assertThat(results.get(0)[1]).contains("Created task");
        assertResultAnswers(results.get(2), "toolu_3", "test_mail_send");
        assertThat(results.get(2)[1]).contains("waiting_for_approval");

        String id = answer.at("/actions/2/id").asString();
        var approved = users().as(ann).post("/api/v1/assistant/actions/" + id + "/approve", Map.of());
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(mailsSent())
                .singleElement()
                .satisfies(m -> assertThat(m.get("to").asString()).isEqualTo("dana@example.com"));
    }

    @Test
    void aStreamedTurnForwardsTextAndRunsTheStreamedToolCalls() {
        wire.streamed(
                List.of(
                        call("toolu_s1", "test_tasks_create", "{\"title\":\"Stream one\"}"),
                        call("toolu_s2", "test_tasks_create", "{\"title\":\"Stream two\"}")),
                "Both tasks are on your list now.");

        var r = ask("two tasks please", true);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body())
                .contains("event: delta")
                .contains("event: tool")
                .contains("event: action")
                .contains("event: done")
                .doesNotContain("event: error");
        assertThat(r.body()).contains("\"text\":\"Both \"");
        assertThat(taskTitles(ann)).contains("Stream one", "Stream two");
        List<String[]> results = wire.toolResults(wire.requests().get(1));
        assertThat(results).hasSize(2);
        assertResultAnswers(results.get(1), "toolu_s2", "test_tasks_create");
        assertThat(shown().at("/messages/4/text").asString()).isEqualTo("Both tasks are on your list now.");
    }

    @Test
    void aRejectedActionIsToldToTheModelOnTheNextTurn() {
        wire.plain(
                List.of(call("toolu_r", "test_mail_send", "{\"to\":\"dana@example.com\",\"subject\":\"Hi\"}")),
                "Drafted.",
                "I will not send it.");
        String id = answer("mail Dana").at("/actions/0/id").asString();
        var rejected = users().as(ann).post("/api/v1/assistant/actions/" + id + "/reject", Map.of("reason", "not now"));
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);

        assertThat(answer("fine").at("/message/text").asString()).isEqualTo("I will not send it.");
        List<String[]> results = wire.toolResults(wire.requests().get(2));
        assertThat(results).singleElement().satisfies(result -> {
            assertResultAnswers(result, "toolu_r", "test_mail_send");
            assertThat(result[1]).contains("rejected by the person").contains("not now");
        });
        assertThat(mailsSent()).isEmpty();
    }

    @Test
    void anEditedInputIsCheckedAgainRunsOnceAndTheModelLearnsWhatRan() {
        wire.plain(
                List.of(call("toolu_m", "test_mail_send", "{\"to\":\"dana@example.com\",\"subject\":\"Lunch?\"}")),
                "Drafted; it waits for you.",
                "Sent as you changed it.");
        JsonNode first = answer("ask Dana to lunch");
        JsonNode action = first.at("/actions/0");
        assertThat(action.isObject()).as(first.toString()).isTrue();
        assertThat(action.get("status").asString()).isEqualTo("pending");
        String id = action.get("id").asString();

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
        assertThat(mailsSent()).singleElement().satisfies(m -> {
            assertThat(m.get("to").asString()).isEqualTo("lee@example.com");
            assertThat(m.get("subject").asString()).isEqualTo("Lunch on Friday?");
        });
        assertThat(users().as(ann)
                        .post("/api/v1/assistant/actions/" + id + "/approve", Map.of())
                        .status())
                .isEqualTo(409);

        assertThat(answer("thanks").at("/message/text").asString()).isEqualTo("Sent as you changed it.");
        assertThat(wire.toolResults(wire.requests().get(2))).singleElement().satisfies(result -> {
            assertResultAnswers(result, "toolu_m", "test_mail_send");
            assertThat(result[1])
                    .contains("approved by the person")
                    .contains("lee@example.com")
                    .contains("Lunch on Friday?");
        });
        assertThat(mailsSent()).hasSize(1);
    }

    @Test
    void aToolErrorGoesBackToTheModelWithItsField() {
        wire.plain(List.of(call("toolu_e", "test_weather", "{\"city\":\"Atlantis\"}")), "No such city, sorry.");
        assertThat(answer("weather in Atlantis").at("/message/text").asString()).isEqualTo("No such city, sorry.");
        assertThat(wire.toolResults(wire.requests().get(1))).singleElement().satisfies(result -> {
            assertResultAnswers(result, "toolu_e", "test_weather");
            assertThat(result[1]).contains("No city named Atlantis").contains("city");
        });
    }

    /** Anthropic answers by the call's id; Gemini, which gives calls no id, by the function's name. */
    abstract void assertResultAnswers(String[] result, String callId, String toolName);
}
