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
import dev.atom.workspace.inbox.BenchInboxStore;
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
 * then an incremental poll with nothing new; with -Dstore=sqlite each page is also stored in the inbox (SQLite), as
 * the sync engine does. Then GreenMail alone answering the same FETCHes to a plain client. Prints messages/s.
 * With -Dmaildir and -DimapPort the messages go into that maildir of a server already listening (Dovecot, started
 * by {@code run.sh dovecot}) instead. In the connector's package (package-private).
 */
public class ImapSyncBench {
    public static void main(String[] args) throws Exception {
        int total = Integer.getInteger("messages", 10_000);
        int rounds = Integer.getInteger("rounds", 3);
        boolean store = "sqlite".equals(System.getProperty("store"));
        String pageSizes = System.getProperty("pageSizes", System.getProperty("pageSize", "500"));
        // -DimapPort=N -Dmaildir=DIR: another server on loopback (bench/inbox/dovecot.sh) reading DIR as user ann
        String maildir = System.getProperty("maildir");
        GreenMail mail = maildir != null ? null : new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        String server = mail == null ? System.getProperty("server", "Dovecot") : "GreenMail";
        if (mail != null) {
            mail.start();
        }
        try {
            var user = mail == null ? null : mail.setUser("ann@example.com", "ann", "secret-pass");
            int port = mail == null ? Integer.getInteger("imapPort") : mail.getImap().getPort();
            Session session = Session.getInstance(new Properties());
            for (int i = 0; i < total; i++) {
                String body = i % 2 == 0
                        ? "Content-Type: text/plain\r\n\r\nHello, message " + i + ". " + "Some text. ".repeat(40)
                        : "Content-Type: text/html\r\n\r\n<html><body><p>Hello <b>" + i + "</b></p>"
                                + "<p>Some text.</p>".repeat(40) + "</body></html>";
                String raw = "Message-ID: <m" + i + "@example.com>\r\nFrom: Sender " + (i % 300) + " <s" + (i % 300)
                        + "@example.com>\r\nTo: ann@example.com\r\nSubject: Message " + i
                        + "\r\nDate: Thu, 19 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n" + body + "\r\n";
                byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
                if (user != null) {
                    user.deliver(new MimeMessage(session, new ByteArrayInputStream(bytes)));
                } else { // maildir file names sort in delivery order, so UIDs follow i
                    java.nio.file.Files.write(
                            java.nio.file.Path.of(maildir, "new", String.format("%010d.M%dP1.bench", 1_700_000_000L + i, i)),
                            bytes);
                }
            }
            Map<String, String> creds = Map.of(
                    "imap_host", "127.0.0.1",
                    "imap_port", String.valueOf(port),
                    "imap_security", "none",
                    "smtp_host", "127.0.0.1",
                    "smtp_port", "25",
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
            SyncFeed feed = new EmailConnector(
                            SsrfGuard.of("127.0.0.1"),
                            "",
                            Long.getLong("pageBytes", ImapPages.DEFAULT.pageBytes()),
                            Integer.getInteger("pageMessages", ImapPages.DEFAULT.pageMessages()))
                    .syncFeeds().getFirst();
            for (String size : pageSizes.split(",")) {
                int pageSize = Integer.parseInt(size.strip());
                for (int round = 1; round <= rounds; round++) {
                    feedRound(feed, context, pageSize, round, store ? BenchInboxStore.sqlite() : null);
                    serverAlone(server, port, total, pageSize);
                }
            }
        } finally {
            if (mail != null) {
                mail.stop();
            }
        }
    }

    /** The feed's first sync, page by page, then a poll with nothing new. */
    private static void feedRound(
            SyncFeed feed, ActionContext context, int pageSize, int round, BenchInboxStore store) {
        long start = System.nanoTime();
        int upserts = 0;
        String cursor = null;
        SyncPage page;
        Instant now = Instant.now();
        do {
            page = feed.fetch(
                    context, new SyncRequest(cursor, now.minus(Duration.ofDays(90)), now.plusSeconds(60), pageSize));
            upserts += page.changes().size();
            cursor = page.cursor();
            if (store != null) {
                store.apply(page.changes());
            }
        } while (page.more());
        double seconds = (System.nanoTime() - start) / 1e9;
        long s2 = System.nanoTime();
        SyncPage idle = feed.fetch(
                context, new SyncRequest(cursor, now.minus(Duration.ofDays(90)), now.plusSeconds(60), pageSize));
        double idleMs = (System.nanoTime() - s2) / 1e6;
        System.out.printf(
                "feed%s, pages of %d, round %d: first sync of %,d messages in %.2f s = %,.0f messages/s;"
                        + " incremental poll with no change %.0f ms (%d changes); cursor %d chars%n",
                store != null ? " + SQLite inbox store" : "", pageSize, round, upserts, seconds, upserts / seconds, idleMs, idle.changes().size(), cursor.length());
    }

    /**
     * GreenMail alone: a plain Jakarta Mail client sends the FETCH the feed sends per page (ENVELOPE, FLAGS, UID,
     * BODY.PEEK[]) over the same pages, and reads nothing of the answer beyond what Jakarta Mail parses. What this
     * costs is the server's part of the feed's time; then one FETCH of a single message (GreenMail's fixed cost
     * per FETCH command, which walks the whole mailbox).
     */
    private static void serverAlone(String server, int port, int total, int pageSize) throws Exception {
        Properties props = new Properties();
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", String.valueOf(port));
        jakarta.mail.Store store = Session.getInstance(props).getStore("imap");
        store.connect("ann", "secret-pass");
        try {
            jakarta.mail.Folder inbox = store.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_ONLY);
            jakarta.mail.FetchProfile profile = new jakarta.mail.FetchProfile();
            profile.add(jakarta.mail.FetchProfile.Item.ENVELOPE);
            profile.add(jakarta.mail.FetchProfile.Item.FLAGS);
            profile.add(jakarta.mail.UIDFolder.FetchProfileItem.UID);
            profile.add(org.eclipse.angus.mail.imap.IMAPFolder.FetchProfileItem.MESSAGE);
            long start = System.nanoTime();
            int n = inbox.getMessageCount();
            for (int from = 1; from <= n; from += pageSize) {
                inbox.fetch(inbox.getMessages(from, Math.min(n, from + pageSize - 1)), profile);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long one = System.nanoTime();
            ((org.eclipse.angus.mail.imap.IMAPFolder) inbox)
                    .doCommand(p -> p.command("FETCH " + n + " (FLAGS)", null)); // uncached, unlike Message
            double oneMs = (System.nanoTime() - one) / 1e6;
            System.out.printf(
                    "%s alone, pages of %d: the same FETCHes of %,d messages in %.2f s = %,.0f messages/s;"
                            + " FETCH FLAGS of one message %.0f ms%n",
                    server,
                    pageSize, n, seconds, n / seconds, oneMs);
            inbox.close(false);
        } finally {
            store.close();
        }
    }
}
