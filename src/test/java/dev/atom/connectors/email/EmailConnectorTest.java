package dev.atom.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.atom.connectors.ConnectorException;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The e-mail connector against a plain (no TLS) GreenMail: the round trips, the trigger cursor, the errors. */
class EmailConnectorTest extends EmailTestBase {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(ADDRESS, LOGIN, PASSWORD));

    @BeforeEach
    void connectMailbox() {
        var c = connect(credentials(MAIL, "127.0.0.1", "none", PASSWORD));
        assertThat(c.json().get("status").asString()).as(c.toString()).isEqualTo("connected");
    }

    /** What the catalog tells the engine and the assistant: which actions write, how a retry is safe, how to connect. */
    @Test
    void catalogFacts() {
        assertThat(retryFacts())
                .isEqualTo(Map.ofEntries(
                        Map.entry("email.search", "reads natural"),
                        Map.entry("email.read", "reads natural"),
                        Map.entry("email.send", "writes none"),
                        Map.entry("email.mark", "writes natural"),
                        Map.entry("email.archive", "writes natural")));
        assertThat(authKinds()).containsExactly("basic");
        assertThat(triggerKinds()).containsExactly("email.new_mail polling");
        List<String> fields = new ArrayList<>();
        catalogEntry()
                .at("/auth/fields")
                .forEach(f ->
                        fields.add(f.get("name").asString() + (f.get("secret").asBoolean() ? "*" : "")));
        assertThat(fields)
                .containsExactly(
                        "imap_host",
                        "imap_port",
                        "imap_security",
                        "smtp_host",
                        "smtp_port",
                        "smtp_security",
                        "username",
                        "password*",
                        "from_address");
    }

    @Test
    void healthLogsInToImapAndSmtp() {
        var tested = users.as(user).post("/api/v1/connections/" + connectionId + "/test", null);
        assertThat(tested.json().get("status").asString()).isEqualTo("connected");
        assertThat(users.as(user)
                        .get("/api/v1/connections/" + connectionId)
                        .json()
                        .get("account")
                        .asString())
                .isEqualTo(LOGIN);
    }

    @Test
    void aWrongPasswordNeedsReconnectAndIsNeverShown() {
        String wrong = "not-" + PASSWORD;
        var c = connect(credentials(MAIL, "127.0.0.1", "none", wrong));
        assertThat(c.json().get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(c.json().get("statusReason").asString()).contains("IMAP server refused the user name or password");
        assertThat(c.toString()).doesNotContain(wrong);
        var r = run("email.search", Map.of());
        assertThat(r.status()).isEqualTo(424);
        assertThat(r.toString()).doesNotContain(wrong);
    }

    @Test
    void anUnknownUserNeedsReconnect() {
        var creds = credentials(MAIL, "127.0.0.1", "none", PASSWORD);
        creds.put("username", "nobody");
        var c = connect(creds);
        assertThat(c.json().get("status").asString()).isEqualTo("needs_reconnect");
    }

    @Test
    void sendsThenFindsAndReadsNonAsciiMail() throws Exception {
        String subject = "Grüße aus Zürich – 会議の件";
        var sent = output(
                "email.send",
                Map.of(
                        "to",
                        List.of("Ann Example <" + ADDRESS + ">"),
                        "cc",
                        List.of("Čeněk <cenek@example.com>"),
                        "bcc",
                        List.of("hidden@example.com"),
                        "subject",
                        subject,
                        "text",
                        "Hallo Ann, schöne Grüße! ☕",
                        "html",
                        "<p>Hallo Ann, <b>schöne</b> Grüße! ☕</p>",
                        "replyTo",
                        "team@example.com"));
        assertThat(sent.get("messageId").asString()).matches("<[0-9a-f-]+@example\\.com>");
        assertThat(sent.get("recipients").toString()).contains(ADDRESS, "cenek@example.com", "hidden@example.com");

        assertThat(MAIL.waitForIncomingEmail(5000, 3)).isTrue();
        MimeMessage received = MAIL.getReceivedMessagesForDomain(ADDRESS)[0];
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        received.writeTo(raw);
        String wire = raw.toString(StandardCharsets.US_ASCII);
        assertThat(wire).contains("Subject: =?UTF-8?").doesNotContain("Zürich").doesNotContain("hidden@example.com");
        assertThat(wire).contains("multipart/alternative").contains("Reply-To: team@example.com");

        var found = output("email.search", Map.of("from", ADDRESS, "unseen", true));
        assertThat(found.get("total").asInt()).isEqualTo(1);
        var hit = found.at("/messages/0");
        assertThat(hit.get("subject").asString()).isEqualTo(subject);
        assertThat(hit.get("messageId").asString())
                .isEqualTo(sent.get("messageId").asString());
        assertThat(hit.get("snippet").asString()).isEqualTo("Hallo Ann, schöne Grüße! ☕");
        assertThat(hit.get("seen").asBoolean()).isFalse();

        var read = output("email.read", Map.of("uid", hit.get("uid").asLong()));
        assertThat(read.get("subject").asString()).isEqualTo(subject);
        assertThat(read.get("from").toString()).contains("Ann Example <ann@example.com>");
        assertThat(read.get("cc").toString()).contains("Čeněk", "<cenek@example.com>");
        assertThat(read.get("replyTo").toString()).contains("team@example.com");
        assertThat(read.get("text").asString()).isEqualTo("Hallo Ann, schöne Grüße! ☕");
        assertThat(read.get("html").asString()).isEqualTo("<p>Hallo Ann, <b>schöne</b> Grüße! ☕</p>");
        assertThat(read.get("attachments")).isEmpty();
        assertThat(read.get("seen").asBoolean())
                .as("reading does not mark it read")
                .isFalse();

        var none = output("email.search", Map.of("subject", "nothing like this"));
        assertThat(none.get("messages")).isEmpty();
    }

    @Test
    void aReplyCarriesInReplyToAndReferences() {
        output(
                "email.send",
                Map.of(
                        "to",
                        List.of(ADDRESS),
                        "subject",
                        "Re: plans",
                        "text",
                        "Yes.",
                        "inReplyTo",
                        "<first@example.org>",
                        "references",
                        List.of("root@example.org")));
        assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
        long uid = output("email.search", Map.of()).at("/messages/0/uid").asLong();
        var read = output("email.read", Map.of("uid", uid));
        assertThat(read.get("inReplyTo").asString()).isEqualTo("<first@example.org>");
        assertThat(read.get("references").asString()).isEqualTo("<root@example.org> <first@example.org>");
        assertThat(read.get("html").isNull()).isTrue();
    }

    @Test
    void attachmentsAreListedWithDecodedNamesAndSizes() throws Exception {
        MimeMessage m = new MimeMessage(GreenMailUtil.getSession(MAIL.getSmtp().getServerSetup()));
        m.setFrom(new InternetAddress("bob@example.com"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(ADDRESS));
        m.setSubject("Bericht", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Anbei der Bericht.", "UTF-8");
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(
                new jakarta.activation.DataHandler(new ByteArrayDataSource(new byte[1234], "application/pdf")));
        pdf.setFileName(jakarta.mail.internet.MimeUtility.encodeText("Bericht-Übersicht.pdf", "UTF-8", "B"));
        pdf.setDisposition(MimeBodyPart.ATTACHMENT);
        MimeBodyPart image = new MimeBodyPart();
        image.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(new byte[77], "image/png")));
        image.setContentID("<logo@example.com>");
        image.setDisposition(MimeBodyPart.INLINE);
        m.setContent(new MimeMultipart(text, pdf, image));
        GreenMailUtil.sendMimeMessage(m);
        assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();

        long uid = output("email.search", Map.of("subject", "Bericht"))
                .at("/messages/0/uid")
                .asLong();
        var read = output("email.read", Map.of("folder", "INBOX", "uid", uid));
        assertThat(read.get("text").asString()).isEqualTo("Anbei der Bericht.");
        assertThat(read.at("/attachments/0/filename").asString()).isEqualTo("Bericht-Übersicht.pdf");
        assertThat(read.at("/attachments/0/contentType").asString()).isEqualTo("application/pdf");
        assertThat(read.at("/attachments/0/size").asLong()).isEqualTo(1234);
        assertThat(read.at("/attachments/0/inline").asBoolean()).isFalse();
        assertThat(read.at("/attachments/1/contentType").asString()).isEqualTo("image/png");
        assertThat(read.at("/attachments/1/size").asLong()).isEqualTo(77);
        assertThat(read.at("/attachments/1/contentId").asString()).isEqualTo("<logo@example.com>");
        assertThat(read.at("/attachments/1/inline").asBoolean()).isTrue();
    }

    @Test
    void marksAndMovesMessages() throws Exception {
        GreenMailUtil.sendTextEmail(
                ADDRESS, "bob@example.com", "one", "first", MAIL.getSmtp().getServerSetup());
        assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
        long uid = output("email.search", Map.of()).at("/messages/0/uid").asLong();

        var marked = output("email.mark", Map.of("uids", List.of(uid), "seen", true, "flagged", true));
        assertThat(marked.get("updated").asInt()).isEqualTo(1);
        var read = output("email.read", Map.of("uid", uid));
        assertThat(read.get("seen").asBoolean()).isTrue();
        assertThat(read.get("flagged").asBoolean()).isTrue();
        assertThat(output("email.search", Map.of("unseen", true)).get("messages"))
                .isEmpty();

        MAIL.getManagers()
                .getImapHostManager()
                .createMailbox(MAIL.getManagers().getUserManager().getUser(LOGIN), "Archive");
        var moved = output("email.mark", Map.of("uids", List.of(uid), "moveTo", "Archive"));
        assertThat(moved.get("folder").asString()).isEqualTo("Archive");
        assertThat(output("email.search", Map.of()).get("messages")).isEmpty();
        assertThat(output("email.search", Map.of("folder", "Archive"))
                        .at("/messages/0/subject")
                        .asString())
                .isEqualTo("one");
    }

    @Test
    void aBadFolderOrUidIsPermanentAndNamesTheField() throws Exception {
        var folder = run("email.search", Map.of("folder", "No Such Folder"));
        assertThat(folder.status()).as(folder.toString()).isEqualTo(422);
        assertThat(folder.json().get("detail").asString()).startsWith("folder:");

        var uid = run("email.read", Map.of("uid", 4242));
        assertThat(uid.status()).isEqualTo(422);
        assertThat(uid.json().get("detail").asString()).startsWith("uid: no message with UID 4242");

        GreenMailUtil.sendTextEmail(
                ADDRESS, "bob@example.com", "one", "first", MAIL.getSmtp().getServerSetup());
        assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
        long real = output("email.search", Map.of()).at("/messages/0/uid").asLong();
        var move = run("email.mark", Map.of("uids", List.of(real), "moveTo", "Nowhere"));
        assertThat(move.status()).isEqualTo(422);
        assertThat(move.json().get("detail").asString()).startsWith("moveTo:");
    }

    @Test
    void badInputNamesTheField() {
        var noBody = run("email.send", Map.of("to", List.of(ADDRESS), "subject", "x"));
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(noBody.json().at("/errors/0/field").asString()).isEqualTo("input.text");

        var badTo = run("email.send", Map.of("to", List.of("not an address"), "subject", "x", "text", "y"));
        assertThat(badTo.status()).isEqualTo(400);
        assertThat(badTo.json().at("/errors/0/field").asString()).isEqualTo("input.to[0]");

        var since = run("email.search", Map.of("since", "last tuesday"));
        assertThat(since.status()).isEqualTo(400);
        assertThat(since.json().at("/errors/0/field").asString()).isEqualTo("input.since");
    }

    @Test
    void theTriggerStartsAtTheEndThenEmitsNewMailOnce() throws Exception {
        GreenMailUtil.sendTextEmail(
                ADDRESS, "bob@example.com", "old", "before", MAIL.getSmtp().getServerSetup());
        assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();

        var first = poll(null);
        assertThat(first.events()).isEmpty();
        assertThat(first.cursor()).matches("[0-9]+:1");
        String validity = first.cursor().split(":")[0];

        GreenMailUtil.sendTextEmail(
                ADDRESS, "bob@example.com", "new one", "a", MAIL.getSmtp().getServerSetup());
        GreenMailUtil.sendTextEmail(
                ADDRESS, "carol@example.com", "new two", "b", MAIL.getSmtp().getServerSetup());
        assertThat(MAIL.waitForIncomingEmail(5000, 3)).isTrue();
        var next = poll(first.cursor());
        assertThat(next.events())
                .extracting(e -> e.payload().get("subject").asString())
                .containsExactly("new one", "new two");
        assertThat(next.events()).extracting(e -> e.dedupKey()).containsExactly(validity + ":2", validity + ":3");
        assertThat(next.events().get(1).payload().get("from").toString()).contains("carol@example.com");
        assertThat(next.cursor()).isEqualTo(validity + ":3");

        assertThat(poll(next.cursor()).events()).isEmpty();
        assertThat(poll(next.cursor()).cursor()).isEqualTo(next.cursor());
    }

    @Test
    void aChangedUidValidityResetsTheCursorWithoutEmitting() throws Exception {
        GreenMailUtil.sendTextEmail(
                ADDRESS, "bob@example.com", "one", "a", MAIL.getSmtp().getServerSetup());
        assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
        String current = poll(null).cursor();
        long validity = Long.parseLong(current.split(":")[0]);

        var reset = poll((validity + 1) + ":0");
        assertThat(reset.events())
                .as("UIDs of another UIDVALIDITY mean nothing")
                .isEmpty();
        assertThat(reset.cursor()).isEqualTo(current);

        assertThatThrownBy(() -> poll("garbage")).isInstanceOf(ConnectorException.Permanent.class);
    }

    @Test
    void anUnreachableServerIsRetriableAndAPrivateHostIsRefused() {
        var closed = credentials(MAIL, "127.0.0.1", "none", PASSWORD);
        closed.put("imap_port", "1");
        var c = connect(closed);
        assertThat(c.json().get("status").asString()).isEqualTo("error");
        assertThat(c.json().get("statusReason").asString()).contains("could not reach the IMAP server");

        var noSmtp = credentials(MAIL, "127.0.0.1", "none", PASSWORD);
        noSmtp.put("smtp_port", "1");
        var smtp = connect(noSmtp);
        assertThat(smtp.json().get("status").asString())
                .as("the health check tries SMTP too")
                .isEqualTo("error");
        assertThat(smtp.json().get("statusReason").asString()).contains("could not reach the SMTP server");

        var internal = credentials(MAIL, "10.1.2.3", "none", PASSWORD);
        var refused = connect(internal);
        assertThat(refused.json().get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(refused.json().get("statusReason").asString()).contains("IMAP host 10.1.2.3 is refused");
    }

    @Test
    void starttlsIsRequiredNeverAFallbackToPlainText() {
        // GreenMail's IMAP does not offer STARTTLS: the login must not go ahead in clear
        var c = connect(credentials(MAIL, "localhost", "starttls", PASSWORD));
        assertThat(c.json().get("status").asString()).isEqualTo("error");
        assertThat(c.json().get("statusReason").asString()).contains("IMAP server does not offer STARTTLS");
    }
}
