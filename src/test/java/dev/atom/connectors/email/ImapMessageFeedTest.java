package dev.atom.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.connectors.SyncedMessage;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code email.messages} against a real GreenMail: pages, read-state changes, deletions, UIDVALIDITY changes. */
class ImapMessageFeedTest extends EmailTestBase {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(ADDRESS, LOGIN, PASSWORD));

    private static final Session SESSION = Session.getInstance(new Properties());

    @BeforeEach
    void connectMailbox() {
        connect(credentials(MAIL, "127.0.0.1", "none", PASSWORD));
    }

    private SyncFeed feed() {
        return connectors.connector("email").orElseThrow().syncFeeds().getFirst();
    }

    private SyncPage fetch(String cursor, int pageSize) {
        Instant now = Instant.now();
        return feed().fetch(
                        connectors.context(user.workspaceId(), connectionId),
                        new SyncRequest(cursor, now.minus(Duration.ofDays(90)), now.plusSeconds(60), pageSize));
    }

    static void deliver(GreenMailUser to, String raw) throws Exception {
        to.deliver(new MimeMessage(SESSION, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    static String raw(String id, String from, String toLine, String subject, String extraHeaders, String body) {
        return "Message-ID: <" + id + "@example.com>\r\nFrom: " + from + "\r\nTo: " + toLine + "\r\nSubject: "
                + subject + "\r\nDate: Thu, 19 Nov 2026 10:00:00 +0000\r\n" + extraHeaders + "MIME-Version: 1.0\r\n"
                + body;
    }

    private GreenMailUser mailbox() {
        return MAIL.getUserManager().getUser(LOGIN);
    }

    private static List<SyncedMessage> upserts(SyncPage page) {
        return page.changes().stream()
                .filter(SyncChange.Upsert.class::isInstance)
                .map(c -> (SyncedMessage) ((SyncChange.Upsert) c).item())
                .toList();
    }

    @Test
    void firstSyncInPagesThenChangesDeletionsAndNewMail() throws Exception {
        GreenMailUser box = mailbox();
        deliver(
                box,
                raw(
                        "a1",
                        "Bob <bob@example.com>",
                        "Ann <" + ADDRESS + ">",
                        "Plain",
                        "",
                        "Content-Type: text/plain; charset=utf-8\r\n\r\nHello Ann,\r\nsee you.\r\n"));
        deliver(
                box,
                raw(
                        "a2",
                        "News <news@example.com>",
                        ADDRESS,
                        "Newsletter",
                        "List-Id: <news.example.com>\r\n",
                        "Content-Type: text/html; charset=utf-8\r\n\r\n<html><head><style>p{}</style></head><body>"
                                + "<p>Big <b>news</b></p><img src=\"https://tracker.example.com/pixel.gif\"><script>x()</script>"
                                + "<p>Second</p></body></html>\r\n"));
        deliver(
                box,
                raw(
                        "a3",
                        "Carol <carol@example.com>",
                        "team@example.com",
                        "Re: Plain",
                        "In-Reply-To: <a1@example.com>\r\nReferences: <a1@example.com>\r\n",
                        "Content-Type: text/plain\r\n\r\nAnswer\r\n"));

        SyncPage first = fetch(null, 2);
        assertThat(first.more()).isTrue();
        assertThat(upserts(first)).extracting(SyncedMessage::subject).containsExactly("Plain", "Newsletter");
        SyncPage second = fetch(first.cursor(), 2);
        assertThat(second.more()).isFalse();
        assertThat(upserts(second)).extracting(SyncedMessage::subject).containsExactly("Re: Plain");

        SyncedMessage plain = upserts(first).getFirst();
        assertThat(plain.kind()).isEqualTo("email");
        assertThat(plain.from()).isEqualTo("bob@example.com");
        assertThat(plain.fromName()).isEqualTo("Bob");
        assertThat(plain.unread()).isTrue();
        assertThat(plain.directToMe()).isTrue();
        assertThat(plain.bodyText()).isEqualTo("Hello Ann,\nsee you.");
        assertThat(plain.threadId()).isEqualTo("<a1@example.com>");
        SyncedMessage news = upserts(first).get(1);
        assertThat(news.directToMe()).as("list mail is not direct").isFalse();
        assertThat(news.bodyText()).isEqualTo("Big news\nSecond").doesNotContain("pixel", "x()");
        SyncedMessage answer = upserts(second).getFirst();
        assertThat(answer.threadId()).isEqualTo("<a1@example.com>");
        assertThat(answer.directToMe()).isFalse();

        // nothing changed: an empty page
        SyncPage idle = fetch(second.cursor(), 50);
        assertThat(idle.changes()).isEmpty();

        // read in another client, one deleted, one new
        output("email.mark", Map.of("uids", List.of(1), "seen", true));
        assertThat(output("email.archive", Map.of("uids", List.of(2)))
                        .get("folder")
                        .asString())
                .isEqualTo("Archive");
        deliver(box, raw("a4", "Dan <dan@example.com>", ADDRESS, "New", "", "Content-Type: text/plain\r\n\r\nN\r\n"));
        SyncPage changes = fetch(idle.cursor(), 50);
        assertThat(changes.changes())
                .filteredOn(SyncChange.Removed.class::isInstance)
                .extracting(SyncChange::externalId)
                .containsExactly(news.externalId());
        assertThat(upserts(changes))
                .extracting(SyncedMessage::subject, SyncedMessage::unread)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Plain", false),
                        org.assertj.core.groups.Tuple.tuple("New", true));
        assertThat(fetch(changes.cursor(), 50).changes()).isEmpty();
    }

    @Test
    void brokenMimeAndHugeHtmlAreSyncedWithAReasonNotFatal() throws Exception {
        GreenMailUser box = mailbox();
        deliver(
                box,
                raw(
                        "b1",
                        "x@example.com",
                        ADDRESS,
                        "Broken",
                        "",
                        "Content-Type: multipart/mixed; boundary=\"nope\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                                + "--other\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                                + "=ZZ=\r\n"));
        String huge = "<p>" + "word ".repeat(2_200_000) + "</p>";
        deliver(box, raw("b2", "y@example.com", ADDRESS, "Huge", "", "Content-Type: text/html\r\n\r\n" + huge));
        deliver(box, raw("b3", "z@example.com", ADDRESS, "Fine", "", "Content-Type: text/plain\r\n\r\nok\r\n"));
        List<SyncedMessage> all = new ArrayList<>();
        String cursor = null;
        SyncPage page;
        do {
            page = fetch(cursor, 10);
            all.addAll(upserts(page));
            cursor = page.cursor();
        } while (page.more());
        assertThat(all).extracting(SyncedMessage::subject).containsExactly("Broken", "Huge", "Fine");
        SyncedMessage hugeOne = all.get(1);
        assertThat(hugeOne.problem()).contains("cut at");
        assertThat(hugeOne.bodyText()).hasSizeLessThanOrEqualTo(dev.atom.connectors.MessageText.MAX_TEXT_CHARS);
        assertThat(all.get(2).problem()).isNull();
        assertThat(all.get(2).bodyText()).isEqualTo("ok");
    }

    @Test
    void aChangedUidValidityExpiresTheCursor() throws Exception {
        deliver(mailbox(), raw("c1", "x@example.com", ADDRESS, "One", "", "Content-Type: text/plain\r\n\r\n1\r\n"));
        SyncPage first = fetch(null, 50);
        assertThat(upserts(first)).hasSize(1);
        // GreenMail's UIDVALIDITY is the folder's creation second: recreate INBOX in a later second
        long created = Long.parseLong(first.cursor().split(";")[1]);
        while (System.currentTimeMillis() / 1000 <= created) {
            Thread.sleep(50);
        }
        var manager = MAIL.getManagers().getImapHostManager();
        manager.deletePrivateMailAccount(mailbox());
        manager.createPrivateMailAccount(mailbox());
        deliver(mailbox(), raw("c2", "x@example.com", ADDRESS, "Two", "", "Content-Type: text/plain\r\n\r\n2\r\n"));

        SyncPage expired = fetch(first.cursor(), 50);
        assertThat(expired.restart()).isTrue();
        assertThat(expired.changes()).isEmpty();
        SyncPage again = fetch(null, 50);
        assertThat(upserts(again)).extracting(SyncedMessage::subject).containsExactly("Two");
        assertThat(upserts(again).getFirst().externalId())
                .isNotEqualTo(upserts(first).getFirst().externalId());
    }
}
