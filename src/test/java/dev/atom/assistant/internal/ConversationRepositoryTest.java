package dev.atom.assistant.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.shared.Ids;
import dev.atom.shared.web.ApiException;
import dev.atom.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The conversation and action repositories' contract, on SQLite and (when configured) PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class ConversationRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00.123456Z");

    @Parameter
    TestDatabase db;

    private ConversationRepository repo;
    private ActionRepository actions;
    private String ws;

    @BeforeEach
    void setUp() {
        repo = new ConversationRepository(db.jdbc(), db.transactions());
        actions = new ActionRepository(db.jdbc());
        ws = Ids.newId();
    }

    private Conversation saved(String user, String title, int minute) {
        Instant at = T0.plus(minute, ChronoUnit.MINUTES);
        Conversation c = new Conversation(Ids.newId(), ws, user, title, at, at);
        repo.insert(c);
        return c;
    }

    @Test
    void conversationsArePrivateToTheirUserAndPagedNewestFirst() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(saved("ann", "chat " + i, i).id());
        }
        Conversation bens = saved("ben", "ben's", 10);

        assertThat(repo.find(ws, "ann", ids.get(0))).map(Conversation::title).contains("chat 0");
        assertThat(repo.find(ws, "ben", ids.get(0))).as("another user's").isEmpty();
        assertThat(repo.find(Ids.newId(), "ann", ids.get(0)))
                .as("another workspace's")
                .isEmpty();

        var first = repo.page(ws, "ann", 2, null, null);
        assertThat(first.items()).extracting(Conversation::title).containsExactly("chat 4", "chat 3");
        var second = repo.page(ws, "ann", 2, first.nextUpdatedAt(), first.nextId());
        assertThat(second.items()).extracting(Conversation::title).containsExactly("chat 2", "chat 1");
        var last = repo.page(ws, "ann", 2, second.nextUpdatedAt(), second.nextId());
        assertThat(last.items()).extracting(Conversation::title).containsExactly("chat 0");
        assertThat(last.nextId()).isNull();
        assertThat(repo.page(ws, "ben", 10, null, null).items()).containsExactly(bens);

        assertThat(repo.rename(ws, "ben", ids.get(0), "stolen", T0)).isFalse();
        assertThat(repo.rename(ws, "ann", ids.get(0), "renamed", T0.plus(1, ChronoUnit.HOURS)))
                .isTrue();
        assertThat(repo.page(ws, "ann", 1, null, null).items())
                .as("renaming counts as activity")
                .extracting(Conversation::title)
                .containsExactly("renamed");
    }

    @Test
    void messagesKeepTheirOrderAndActionsMoveOnlyFromTheStatusExpected() {
        Conversation c = saved("ann", null, 0);
        Instant at = T0.plus(1, ChronoUnit.HOURS);
        Message user = Message.user(ws, c.id(), "Plan my day", at);
        repo.append(user);
        Message assistant = new Message(
                Ids.newId(),
                ws,
                c.id(),
                Message.Role.ASSISTANT,
                null,
                "[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"tasks_list\",\"arguments\":\"{}\"}}]",
                null,
                null,
                "openai/gpt-test",
                120L,
                30L,
                4_500L,
                at);
        repo.append(assistant);
        Message tool = Message.tool(ws, c.id(), "call_1", "tasks_list", "{\"items\":[]}", at);
        repo.append(tool);

        List<Message> messages = repo.messages(ws, c.id());
        assertThat(messages).containsExactly(user, assistant, tool);
        assertThat(repo.messages(Ids.newId(), c.id())).isEmpty();
        assertThat(repo.find(ws, "ann", c.id()).orElseThrow().updatedAt()).isEqualTo(at);

        Action pending = new Action(
                Ids.newId(),
                ws,
                "ann",
                c.id(),
                assistant.id(),
                "call_1",
                "mail_send",
                "{\"to\":\"dana@example.com\"}",
                "sends a mail to dana@example.com",
                "external_write",
                "Europe/Berlin",
                Action.Status.PENDING,
                null,
                null,
                null,
                null,
                at,
                at,
                null);
        actions.insert(pending);
        assertThat(actions.find(ws, "ann", pending.id())).contains(pending);
        assertThat(actions.find(ws, "ben", pending.id())).isEmpty();
        assertThat(actions.ofConversation(ws, c.id())).containsExactly(pending);

        Action done = pending.with(
                        Action.Status.DONE,
                        "{\"to\":\"lee@example.com\"}",
                        "Sent",
                        "{\"ok\":true}",
                        "{\"tool\":\"mail_unsend\",\"input\":{},\"summary\":\"Unsend\"}",
                        null,
                        at.plusSeconds(5))
                .withRun("run-1"); // carried out by a workflow run: the link is kept
        assertThat(actions.transition(done, Action.Status.PENDING)).isTrue();
        assertThat(actions.transition(done, Action.Status.PENDING))
                .as("a second approval")
                .isFalse();
        assertThat(actions.find(ws, "ann", pending.id())).contains(done);

        Action undoing = actions.claimUndo(done, at.plusSeconds(9));
        assertThat(undoing.status()).isEqualTo(Action.Status.RUNNING);
        assertThat(actions.find(ws, "ann", pending.id())).contains(undoing);
        assertThatThrownBy(() -> actions.claimUndo(done, at.plusSeconds(10)))
                .as("a second undo, or one racing the first")
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("already undone");

        assertThat(repo.delete(ws, "ben", c.id())).isFalse();
        assertThat(repo.delete(ws, "ann", c.id())).isTrue();
        assertThat(repo.find(ws, "ann", c.id())).isEmpty();
        assertThat(repo.messages(ws, c.id())).isEmpty();
        assertThat(actions.ofConversation(ws, c.id())).isEmpty();
    }
}
