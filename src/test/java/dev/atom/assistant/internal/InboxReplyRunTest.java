package dev.atom.assistant.internal;

import static dev.atom.assistant.internal.ScriptedModel.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.atom.workspace.sync.SyncNow;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The assistant's {@code inbox_reply} goes the way of every write that reaches other people, end to end through
 * the API against a real GreenMail mailbox synced into the inbox: approved, it is an action run (trigger {@code
 * chat}) held for the send delay (3 s here); Undo within it stops the run and nothing is sent; without Undo the
 * reply is sent once, in its thread, and the action then says it was sent.
 */
class InboxReplyRunTest extends HeldSendTestBase {
    private static final String ADDRESS = "ann@example.com";
    private static final String PASSWORD = "imap-pass-5821";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(ADDRESS, "ann", PASSWORD));

    @Autowired
    ApplicationContext context;

    private String lunch;

    @BeforeEach
    void annsMailboxIsSynced() throws Exception {
        Map<String, Object> c = new HashMap<>();
        c.put("imap_host", "127.0.0.1");
        c.put("imap_port", String.valueOf(MAIL.getImap().getPort()));
        c.put("imap_security", "none");
        c.put("smtp_host", "127.0.0.1");
        c.put("smtp_port", String.valueOf(MAIL.getSmtp().getPort()));
        c.put("smtp_security", "none");
        c.put("username", "ann");
        c.put("password", PASSWORD);
        c.put("from_address", "Ann <" + ADDRESS + ">");
        var r = users().as(ann)
                .post(
                        "/api/v1/connections",
                        Map.of("connector", "email", "name", "Mailbox", "visibility", "private", "credentials", c));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String connection = r.json().get("id").asString();
        MAIL.getUserManager()
                .getUser("ann")
                .deliver(new MimeMessage(
                        Session.getInstance(new Properties()),
                        new ByteArrayInputStream(("Message-ID: <t1@example.com>\r\nFrom: Bob <bob@example.com>\r\n"
                                        + "To: Ann <ann@example.com>\r\nSubject: Lunch?\r\n"
                                        + "Date: Thu, 19 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                                        + "Content-Type: text/plain; charset=utf-8\r\n\r\nLunch on Friday?\r\n")
                                .getBytes(StandardCharsets.UTF_8))));
        var sync = users().as(ann).post("/api/v1/connections/" + connection + "/sync", Map.of());
        assertThat(sync.status()).as(sync.toString()).isEqualTo(202);
        assertThat(SyncNow.sync(context, ann.workspaceId(), connection)).isTrue();
        JsonNode items = users().as(ann).get("/api/v1/inbox").json().path("items");
        assertThat(items).as(items.toString()).hasSize(1);
        lunch = items.get(0).get("id").asString();
    }

    @Test
    void anApprovedReplyIsAChatRunHeldForTheDelayUndoStopsItElseItIsSentOnceInItsThread() {
        model.plain(replying("Sorry, not this week."), "Drafted.", replying("Yes, see you then."), "Drafted.");
        JsonNode stopped = approved();
        assertThat(stopped.get("preview").asString()).contains("Undo stops it");
        assertThat(stopped.get("sending").asString()).isEqualTo("scheduled");
        var undo = users().as(ann)
                .post("/api/v1/assistant/actions/" + stopped.get("id").asString() + "/undo", Map.of());
        assertThat(undo.status()).as(undo.toString()).isEqualTo(200);
        assertThat(undo.json().get("status").asString()).isEqualTo("undone");
        assertThat(undo.json().get("sending").asString()).isEqualTo("stopped");

        JsonNode sent = approved();
        String runId = sent.get("runId").asString();
        JsonNode run = await(() -> {
            JsonNode r = users().as(ann).get("/api/v1/runs/" + runId).json();
            return List.of("succeeded", "failed", "cancelled")
                            .contains(r.get("status").asString())
                    ? r
                    : null;
        });
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.at("/trigger/type").asString()).isEqualTo("chat");
        assertThat(run.at("/trigger/action/action").asString()).isEqualTo("email.send");
        assertThat(run.get("steps").valueStream().map(s -> s.get("id").asString()))
                .containsExactly("send_delay", "action");
        JsonNode stoppedRun = users().as(ann)
                .get("/api/v1/runs/" + stopped.get("runId").asString())
                .json();
        assertThat(stoppedRun.get("status").asString()).isEqualTo("cancelled");

        MimeMessage[] replies = Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> to(m).contains("bob@example.com"))
                .toArray(MimeMessage[]::new);
        assertThat(replies).as("one reply reached Bob, the stopped one never").hasSize(1);
        assertThat(GreenMailUtil.getBody(replies[0])).contains("see you then").doesNotContain("not this week");
        try {
            assertThat(replies[0].getSubject()).isEqualTo("Re: Lunch?");
            assertThat(replies[0].getHeader("In-Reply-To")[0]).isEqualTo("<t1@example.com>");
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }

        JsonNode card = shown().get("messages")
                .valueStream()
                .flatMap(m -> m.path("actions").valueStream())
                .filter(a -> a.get("id").asString().equals(sent.get("id").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(card.get("status").asString()).as(card.toString()).isEqualTo("done");
        assertThat(card.get("sending").asString()).isEqualTo("sent");
        assertThat(card.get("summary").asString()).isEqualTo("Reply to bob@example.com on “Lunch?”: sent");
        assertThat(card.get("undoable").asBoolean()).isFalse();
    }

    private static String to(MimeMessage m) {
        try {
            return Arrays.toString(m.getRecipients(jakarta.mail.Message.RecipientType.TO));
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private List<ScriptedModel.Call> replying(String text) {
        return List.of(
                call("r-" + text.hashCode(), "inbox_reply", "{\"id\":\"" + lunch + "\",\"text\":\"" + text + "\"}"));
    }

    /** Ann asks for the reply the model is scripted to propose, and approves it: the action as approved. */
    private JsonNode approved() {
        JsonNode proposed = turn("answer Bob").at("/actions/0");
        assertThat(proposed.get("status").asString()).as(proposed.toString()).isEqualTo("pending");
        assertThat(proposed.get("tool").asString()).isEqualTo("inbox_reply");
        var r = users().as(ann)
                .post("/api/v1/assistant/actions/" + proposed.get("id").asString() + "/approve", Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).as(r.toString()).isEqualTo("done");
        assertThat(r.json().get("summary").asString()).contains("unless you undo it");
        return r.json();
    }

    /** The first non-null answer of {@code probe}, polled for at most 30 s (a sync, a send delay). */
    private static <T> T await(java.util.function.Supplier<T> probe) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            T value = probe.get();
            if (value != null || System.nanoTime() > deadline) {
                assertThat(value).as("in time").isNotNull();
                return value;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
