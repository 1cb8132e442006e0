package dev.atom.workspace.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import dev.atom.workspace.sync.SyncScope;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The inbox API end to end: a real GreenMail mailbox synced by the email feed into the inbox store, then read,
 * marked, archived, snoozed and answered through the API; bad input is a 400 naming the field; another member
 * sees nothing of a private mailbox.
 */
class InboxApiTest extends StubbedServiceTestBase {
    static final String ADDRESS = "ann@example.com";
    static final String PASSWORD = "imap-pass-4711";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(ADDRESS, "ann", PASSWORD));

    @Autowired
    Connectors connectors;

    @Autowired
    InboxStore store;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    TestUsers users;
    TestUsers.User ann;
    String connectionId;
    String cursor;

    @BeforeEach
    void connect() {
        users = new TestUsers(this::http);
        ann = users.signUp("ann");
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
        var r = users.as(ann)
                .post("/api/v1/connections", Map.of("connector", "email", "name", "Mailbox", "credentials", c));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        connectionId = r.json().get("id").asString();
        // private, as mail connections are by default once the privacy work lands (V17 defaults to shared)
        jdbc.sql("UPDATE connections SET visibility = 'private' WHERE id = :id")
                .param("id", connectionId)
                .update();
        cursor = null;
    }

    /** Runs the feed into the store page by page, as the sync engine will. */
    static String sync(
            Connectors connectors, InboxStore store, String workspaceId, String connectionId, String cursor) {
        var feed = connectors.connector("email").orElseThrow().syncFeeds().getFirst();
        var scope = new SyncScope(workspaceId, connectionId, "email", feed.id());
        SyncPage page;
        do {
            Instant now = Instant.now();
            page = feed.fetch(
                    connectors.context(workspaceId, connectionId),
                    new SyncRequest(cursor, now.minus(Duration.ofDays(90)), now.plusSeconds(60), 100));
            store.apply(scope, page.changes(), now);
            cursor = page.cursor();
        } while (page.more());
        return cursor;
    }

    private void sync() {
        cursor = sync(connectors, store, ann.workspaceId(), connectionId, cursor);
    }

    static void deliver(String raw) throws Exception {
        MAIL.getUserManager()
                .getUser("ann")
                .deliver(new MimeMessage(
                        Session.getInstance(new Properties()),
                        new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    static String mail(String id, String from, String to, String subject, String extra, String body) {
        return "Message-ID: <" + id + "@example.com>\r\nFrom: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject
                + "\r\nDate: Thu, 19 Nov 2026 10:00:00 +0000\r\n" + extra
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
    }

    private TestHttp api() {
        return users.as(ann);
    }

    private List<String> subjects(String query) {
        var r = api().get("/api/v1/inbox" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json()
                .get("items")
                .valueStream()
                .map(i -> i.get("subject").asString())
                .toList();
    }

    private String idOf(String subject) {
        return api().get("/api/v1/inbox?limit=200")
                .json()
                .get("items")
                .valueStream()
                .filter(i -> i.get("subject").asString().equals(subject))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asString();
    }

    @Test
    void listsSyncedMailAndActsThroughImap() throws Exception {
        deliver(mail(
                "m1",
                "Bob <bob@example.com>",
                "Ann <" + ADDRESS + ">",
                "Lunch?",
                "",
                "Hi Ann. Can you make lunch on Friday at 12:30? Bob"));
        deliver(mail(
                "m2",
                "News <news@example.com>",
                ADDRESS,
                "Weekly news",
                "List-Id: <n.example.com>\r\n",
                "All the news."));
        deliver(mail("m3", "Carol <carol@example.com>", "team@example.com", "Team notes", "", "Notes."));
        sync();

        var list = api().get("/api/v1/inbox");
        assertThat(list.status()).isEqualTo(200);
        JsonNode items = list.json().get("items");
        assertThat(items).hasSize(3);
        assertThat(list.json().get("nextCursor").isNull()).isTrue();
        JsonNode lunch = items.valueStream()
                .filter(i -> i.get("subject").asString().equals("Lunch?"))
                .findFirst()
                .orElseThrow();
        assertThat(lunch.get("source").get("connection").asString()).isEqualTo(connectionId);
        assertThat(lunch.get("source").get("connector").asString()).isEqualTo("email");
        assertThat(lunch.get("kind").asString()).isEqualTo("email");
        assertThat(lunch.get("from").asString()).isEqualTo("bob@example.com");
        assertThat(lunch.get("to").get(0).asString()).contains(ADDRESS);
        assertThat(lunch.get("snippet").asString()).startsWith("Hi Ann.");
        assertThat(lunch.get("unread").asBoolean()).isTrue();
        assertThat(lunch.get("important").asBoolean()).as("direct to Ann").isTrue();
        assertThat(lunch.get("threadId").asString()).isEqualTo("<m1@example.com>");
        assertThat(lunch.get("link").asString()).isNotBlank();
        assertThat(lunch.get("receivedAt").asString()).isNotBlank();
        assertThat(subjects("?important=true")).containsExactly("Lunch?");
        assertThat(subjects("?important=false&source=email")).containsExactlyInAnyOrder("Weekly news", "Team notes");
        assertThat(subjects("?q=weekly")).containsExactly("Weekly news");
        assertThat(subjects("?source=slack")).isEmpty();

        String id = lunch.get("id").asString();
        var detail = api().get("/api/v1/inbox/" + id);
        assertThat(detail.json().get("text").asString())
                .contains("From: Bob <bob@example.com>", "make lunch on Friday");
        assertThat(api().post("/api/v1/inbox/" + id + "/summary", null)
                        .json()
                        .get("summary")
                        .asString())
                .contains("Bob: Hi Ann.", "Can you make lunch on Friday at 12:30?");

        // read: on the server and here at once
        var read = api().post("/api/v1/inbox/" + id + "/read", null);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().get("unread").asBoolean()).isFalse();
        assertThat(subjects("?unread=true")).doesNotContain("Lunch?");
        assertThat(MAIL.getReceivedMessagesForDomain("example.com")[0].isSet(jakarta.mail.Flags.Flag.SEEN))
                .isTrue();
        sync();
        assertThat(subjects("?unread=false")).containsExactly("Lunch?");
        assertThat(api().post("/api/v1/inbox/" + id + "/unread", null)
                        .json()
                        .get("unread")
                        .asBoolean())
                .isTrue();

        // reply: threaded, to the sender, from Ann's account
        var reply = api().post("/api/v1/inbox/" + id + "/reply", Map.of("text", "Yes, see you then."));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        MimeMessage sent = java.util.Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> GreenMailUtil.getBody(m).contains("see you then"))
                .findFirst()
                .orElseThrow();
        assertThat(sent.getSubject()).isEqualTo("Re: Lunch?");
        assertThat(sent.getHeader("In-Reply-To")[0]).isEqualTo("<m1@example.com>");
        assertThat(sent.getHeader("References")[0]).contains("<m1@example.com>");
        assertThat(sent.getRecipients(Message.RecipientType.TO)[0].toString()).contains("bob@example.com");

        // archive: moved on the server, gone from the list now and after the next sync
        String news = idOf("Weekly news");
        assertThat(api().post("/api/v1/inbox/" + news + "/archive", null).status())
                .isEqualTo(200);
        assertThat(subjects("")).doesNotContain("Weekly news");
        sync();
        assertThat(subjects("")).doesNotContain("Weekly news");
        assertThat(api().get("/api/v1/inbox/" + news).status()).isEqualTo(404);

        // snooze: hidden until then, still readable by id
        String notes = idOf("Team notes");
        String until = Instant.now().plus(Duration.ofDays(1)).toString();
        var snoozed = api().post("/api/v1/inbox/" + notes + "/snooze", Map.of("until", until));
        assertThat(snoozed.status()).as(snoozed.toString()).isEqualTo(200);
        assertThat(snoozed.json().get("snoozedUntil").asString()).isNotBlank();
        assertThat(subjects("")).doesNotContain("Team notes");
    }

    @Test
    void badInputIsA400NamingTheField() {
        for (var bad : Map.of(
                        "?limit=100000", "limit",
                        "?limit=0", "limit",
                        "?unread=maybe", "unread",
                        "?important=2", "important",
                        "?cursor=not-a-cursor", "cursor",
                        "?source=fax", "source")
                .entrySet()) {
            var r = api().get("/api/v1/inbox" + bad.getKey());
            assertThat(r.status()).as(bad.getKey()).isEqualTo(400);
            assertThat(r.header("Content-Type")).contains("problem+json");
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo(bad.getValue());
        }
        assertThat(api().get("/api/v1/inbox?limit=200").status()).isEqualTo(200);
    }

    @Test
    void anotherMemberSeesNothingOfAPrivateMailboxAndBadBodiesAreNamed() throws Exception {
        deliver(mail("p1", "Bob <bob@example.com>", ADDRESS, "Private", "", "Secret."));
        sync();
        String id = idOf("Private");
        TestUsers.User colleague = users.invite("colleague", ann, "member");
        var other = users.as(colleague);
        assertThat(other.get("/api/v1/inbox").json().get("items")).isEmpty();
        for (String path : List.of("", "/read", "/unread", "/archive", "/snooze", "/reply", "/summary")) {
            var r = path.isEmpty()
                    ? other.get("/api/v1/inbox/" + id)
                    : other.post("/api/v1/inbox/" + id + path, Map.of("until", "2099-01-01T00:00:00Z", "text", "x"));
            assertThat(r.status()).as(path).isEqualTo(404);
        }
        assertThat(api().get("/api/v1/inbox/not-an-id").status()).isEqualTo(404);

        var noUntil = api().post("/api/v1/inbox/" + id + "/snooze", Map.of());
        assertThat(noUntil.status()).isEqualTo(400);
        assertThat(noUntil.json().get("errors").get(0).get("field").asString()).isEqualTo("until");
        var past = api().post("/api/v1/inbox/" + id + "/snooze", Map.of("until", "2020-01-01T00:00:00Z"));
        assertThat(past.json().get("errors").get(0).get("field").asString()).isEqualTo("until");
        var noText = api().post("/api/v1/inbox/" + id + "/reply", Map.of("text", " "));
        assertThat(noText.status()).isEqualTo(400);
        assertThat(noText.json().get("errors").get(0).get("field").asString()).isEqualTo("text");

        // VIPs: mark, list, unmark; mail from a VIP is important
        var vip = api().post("/api/v1/inbox/vips", Map.of("address", "Bob@Example.com"));
        assertThat(vip.status()).isEqualTo(201);
        assertThat(vip.json().get("vips").get(0).asString()).isEqualTo("bob@example.com");
        assertThat(api().post("/api/v1/inbox/vips", Map.of("address", "nope")).status())
                .isEqualTo(400);
        assertThat(api().get("/api/v1/inbox/" + id)
                        .json()
                        .get("item")
                        .get("importantBecause")
                        .toString())
                .contains("vip");
        assertThat(api().delete("/api/v1/inbox/vips/bob@example.com").status()).isEqualTo(204);
        assertThat(api().delete("/api/v1/inbox/vips/bob@example.com").status()).isEqualTo(404);
    }

    /**
     * Inbox actions run through the source as the member acting: the owner's call log names them; on a shared
     * mailbox a colleague's archive is recorded as the colleague's.
     */
    @Test
    void actionsRunAsTheActingMemberAndTheCallLogNamesThem() throws Exception {
        deliver(mail("c1", "Bob <bob@example.com>", ADDRESS, "Mine to read", "", "One."));
        deliver(mail("c2", "Bob <bob@example.com>", ADDRESS, "Ours to archive", "", "Two."));
        sync();
        TestUsers.User colleague = users.invite("colleague", ann, "member");

        assertThat(api().post("/api/v1/inbox/" + idOf("Mine to read") + "/read", null)
                        .status())
                .isEqualTo(200);
        var calls = api().get("/api/v1/connections/" + connectionId + "/calls");
        assertThat(calls.status()).as(calls.toString()).isEqualTo(200);
        JsonNode first = calls.json().get("items").get(0);
        assertThat(first.get("user").asString()).isEqualTo(ann.id());
        assertThat(first.get("action").asString()).isEqualTo("email.mark");
        assertThat(first.get("outcome").asString()).isEqualTo("succeeded");

        jdbc.sql("UPDATE connections SET visibility = 'shared' WHERE id = :id")
                .param("id", connectionId)
                .update();
        String shared = idOf("Ours to archive");
        var archived = users.as(colleague).post("/api/v1/inbox/" + shared + "/archive", null);
        assertThat(archived.status()).as(archived.toString()).isEqualTo(200);
        JsonNode latest = api().get("/api/v1/connections/" + connectionId + "/calls")
                .json()
                .get("items")
                .get(0);
        assertThat(latest.get("user").asString())
                .as("the colleague who archived")
                .isEqualTo(colleague.id());
        assertThat(latest.get("action").asString()).isEqualTo("email.archive");
    }
}
