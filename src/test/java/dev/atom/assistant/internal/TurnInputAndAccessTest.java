package dev.atom.assistant.internal;

import static dev.atom.assistant.internal.ScriptedModel.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A turn's bad input gets a 400 problem naming {@code text} before anything is stored or asked; a conversation or
 * action that is unknown, or another member's, is a 404 on every route, and nothing changes.
 */
class TurnInputAndAccessTest extends AssistantTestBase {
    private static final String UNKNOWN = "0190a000-0000-7000-8000-000000000000";

    private static void assertProblemNamingText(TestHttp.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"text\"").doesNotContain("Exception");
    }

    @Test
    void emptyBlankMissingAndOneMegabyteMessagesAre400NamingText() {
        assertProblemNamingText(say(""));
        assertProblemNamingText(say("   \n "));
        assertProblemNamingText(users().as(ann)
                .post("/api/v1/assistant/conversations/" + conversation + "/messages", Map.of("text", 42)));
        assertProblemNamingText(
                users().as(ann).post("/api/v1/assistant/conversations/" + conversation + "/messages", Map.of()));
        var huge = say("a".repeat(1_000_000));
        assertProblemNamingText(huge);
        assertThat(huge.body()).contains("at most 32000 characters");
        assertThat(model.requests()).isEmpty();
        assertThat(shown().get("messages")).isEmpty();
    }

    @Test
    void anUnknownConversationIs404() {
        var as = users().as(ann);
        assertThat(as.get("/api/v1/assistant/conversations/" + UNKNOWN).status())
                .isEqualTo(404);
        var r = as.post("/api/v1/assistant/conversations/" + UNKNOWN + "/messages", Map.of("text", "hi"));
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(as.get("/api/v1/assistant/conversations/not-an-id").status()).isEqualTo(404);
    }

    @Test
    void anotherMembersConversationAndActionsAre404AndStayUntouched() {
        TestUsers.User bob = users().invite("bob", ann, "member");
        model.plain(
                List.of(
                        call("a1", "test_tasks_create", "{\"title\":\"Ann's own\"}"),
                        call("a2", "test_mail_send", "{\"to\":\"dana@example.com\",\"subject\":\"Hi\"}")),
                "Done.");
        var answer = turn("task and mail");
        String done = answer.at("/actions/0/id").asString();
        String pending = answer.at("/actions/1/id").asString();
        String path = "/api/v1/assistant/conversations/" + conversation;

        var asBob = users().as(bob);
        assertThat(asBob.get(path).status()).isEqualTo(404);
        assertThat(asBob.post(path + "/messages", Map.of("text", "hi")).status())
                .isEqualTo(404);
        assertThat(asBob.patch(path, Map.of("title", "mine")).status()).isEqualTo(404);
        assertThat(asBob.delete(path).status()).isEqualTo(404);
        assertThat(asBob.post("/api/v1/assistant/actions/" + pending + "/approve", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(asBob.post("/api/v1/assistant/actions/" + pending + "/reject", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(asBob.post("/api/v1/assistant/actions/" + done + "/undo", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(asBob.get("/api/v1/assistant/conversations").body()).doesNotContain(conversation);

        assertThat(mailsSent()).isEmpty();
        assertThat(taskTitles(ann)).contains("Ann's own");
        var mine = shown();
        assertThat(mine.get("title").asString()).isEqualTo("test");
        assertThat(mine.at("/messages/1/actions/1/status").asString()).isEqualTo("pending");
        assertThat(model.requests()).hasSize(2);
    }
}
