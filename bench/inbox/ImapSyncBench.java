package dev.atom.connectors.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectionRef;
import dev.atom.connectors.Credentials;
import dev.atom.connectors.ServiceHttp;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.shared.net.SsrfGuard;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A first sync of 10,000 messages (issue 10: >= 500 messages/s) from a local GreenMail through the email.messages
 * feed: pages of 500 fetched and converted to SyncedMessages (headers, flags, text bodies; HTML through jsoup),
 * then an incremental poll with nothing new. Prints messages/s. In the connector's package (package-private).
 */
public class ImapSyncBench {
    public static void main(String[] args) throws Exception {
        int total = Integer.getInteger("messages", 10_000);
        int pageSize = Integer.getInteger("pageSize", 500);
        GreenMail mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        mail.start();
        try {
            var user = mail.setUser("ann@example.com", "ann", "secret-pass");
            Session session = Session.getInstance(new Properties());
            for (int i = 0; i < total; i++) {
                String body = i % 2 == 0
                        ? "Content-Type: text/plain\r\n\r\nHello, message " + i + ". " + "Some text. ".repeat(40)
                        : "Content-Type: text/html\r\n\r\n<html><body><p>Hello <b>" + i + "</b></p>"
                                + "<p>Some text.</p>".repeat(40) + "</body></html>";
                String raw = "Message-ID: <m" + i + "@example.com>\r\nFrom: Sender " + (i % 300) + " <s" + (i % 300)
                        + "@example.com>\r\nTo: ann@example.com\r\nSubject: Message " + i
                        + "\r\nDate: Thu, 19 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n" + body + "\r\n";
                user.deliver(new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
            }
            Map<String, String> creds = Map.of(
                    "imap_host", "127.0.0.1",
                    "imap_port", String.valueOf(mail.getImap().getPort()),
                    "imap_security", "none",
                    "smtp_host", "127.0.0.1",
                    "smtp_port", String.valueOf(mail.getSmtp().getPort()),
                    "smtp_security", "none",
                    "username", "ann",
                    "password", "secret-pass",
                    "from_address", "ann@example.com");
            ActionContext context = new ActionContext() {
                public ConnectionRef connection() {
                    return new ConnectionRef("bench", "bench", "email", "bench");
                }

                public Credentials credentials() {
                    return new Credentials() {
                        public Optional<String> get(String field) {
                            return Optional.ofNullable(creds.get(field));
                        }

                        public String accessToken() {
                            return null;
                        }
                    };
                }

                public ServiceHttp http() {
                    return null;
                }

                public String baseUrl() {
                    return "";
                }

                public Optional<String> idempotencyKey() {
                    return Optional.empty();
                }

                public Clock clock() {
                    return Clock.systemUTC();
                }
            };
            SyncFeed feed = new EmailConnector(SsrfGuard.of("127.0.0.1"), "").syncFeeds().getFirst();
            for (int round = 1; round <= 3; round++) {
                long start = System.nanoTime();
                int upserts = 0;
                String cursor = null;
                SyncPage page;
                Instant now = Instant.now();
                do {
                    page = feed.fetch(context, new SyncRequest(cursor, now.minus(Duration.ofDays(90)), now.plusSeconds(60),
                            pageSize));
                    upserts += page.changes().size();
                    cursor = page.cursor();
                } while (page.more());
                double seconds = (System.nanoTime() - start) / 1e9;
                long s2 = System.nanoTime();
                SyncPage idle = feed.fetch(context, new SyncRequest(cursor, now.minus(Duration.ofDays(90)),
                        now.plusSeconds(60), pageSize));
                double idleMs = (System.nanoTime() - s2) / 1e6;
                System.out.printf("round %d: first sync of %,d messages in %.2f s = %,.0f messages/s;"
                                + " incremental poll with no change %.0f ms (%d changes); cursor %d chars%n",
                        round, upserts, seconds, upserts / seconds, idleMs, idle.changes().size(), cursor.length());
            }
        } finally {
            mail.stop();
        }
    }
}
