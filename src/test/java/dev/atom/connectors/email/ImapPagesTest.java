package dev.atom.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.connectors.SyncedMessage;
import dev.atom.shared.net.SsrfGuard;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The IMAP sync's pages bounded by bytes ({@link ImapPages}) against a real GreenMail: many small messages come in
 * one page, a message over the budget comes alone, and no page holds more than the budget of mail.
 */
class ImapPagesTest extends EmailTestBase {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(ADDRESS, LOGIN, PASSWORD));

    @Autowired
    SsrfGuard guard;

    /** The raw size of each delivered message, by subject. */
    private final Map<String, Integer> sizes = new HashMap<>();

    @BeforeEach
    void connectMailbox() {
        connect(credentials(MAIL, "127.0.0.1", "none", PASSWORD));
    }

    private void deliver(String subject, int bodyBytes) throws Exception {
        String raw = ImapMessageFeedTest.raw(
                subject,
                "x@example.com",
                ADDRESS,
                subject,
                "",
                "Content-Type: text/plain\r\n\r\n" + "y".repeat(bodyBytes) + "\r\n");
        sizes.put(subject, raw.getBytes(StandardCharsets.UTF_8).length);
        ImapMessageFeedTest.deliver(MAIL.getUserManager().getUser(LOGIN), raw);
    }

    /** A whole first sync with these limits: the subjects of each page, in order. */
    private List<List<String>> firstSync(long pageBytes, int pageMessages, int pageSize) {
        var feed = new EmailConnector(guard, "", pageBytes, pageMessages)
                .syncFeeds()
                .getFirst();
        var context = connectors.context(user.workspaceId(), connectionId);
        Instant now = Instant.now();
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        SyncPage page;
        do {
            page = feed.fetch(
                    context, new SyncRequest(cursor, now.minus(Duration.ofDays(90)), now.plusSeconds(60), pageSize));
            pages.add(page.changes().stream()
                    .map(c -> ((SyncedMessage) ((SyncChange.Upsert) c).item()).subject())
                    .toList());
            cursor = page.cursor();
        } while (page.more() && pages.size() < 100);
        assertThat(feed.fetch(
                                context,
                                new SyncRequest(cursor, now.minus(Duration.ofDays(90)), now.plusSeconds(60), pageSize))
                        .changes())
                .as("nothing left after the last page")
                .isEmpty();
        return pages;
    }

    @Test
    void aMailboxOfSmallMessagesComesInFewPages() throws Exception {
        GreenMailUser box = MAIL.getUserManager().getUser(LOGIN);
        assertThat(box).isNotNull();
        for (int i = 0; i < 1200; i++) {
            deliver("s" + i, 200);
        }
        List<List<String>> pages = firstSync(8L << 20, 5000, 5000);
        assertThat(pages).hasSize(1);
        assertThat(pages.getFirst()).hasSize(1200).startsWith("s0", "s1").endsWith("s1199");

        // the count cap still bounds a page of small messages
        assertThat(firstSync(8L << 20, 500, 5000)).extracting(List::size).containsExactly(500, 500, 200);
    }

    @Test
    void aMessageOverTheBudgetComesAloneAndTheRestAroundIt() throws Exception {
        deliver("a", 100);
        deliver("b", 100);
        deliver("big", 200_000);
        deliver("c", 100);
        deliver("d", 100);
        List<List<String>> pages = firstSync(64 << 10, 100, 100);
        assertThat(pages).containsExactly(List.of("a", "b"), List.of("big"), List.of("c", "d"));
    }

    @Test
    void noPageHoldsMoreThanTheBudget() throws Exception {
        int[] bodies = {30_000, 5_000, 60_000, 1_000, 45_000, 20_000, 20_000, 20_000, 90_000, 2_000, 50_000};
        for (int i = 0; i < bodies.length; i++) {
            deliver("m" + i, bodies[i]);
        }
        long budget = 100_000;
        List<List<String>> pages = firstSync(budget, 1000, 1000);
        assertThat(pages.stream().flatMap(List::stream).toList())
                .as("every message once, in order, across restarts from the cursor")
                .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10");
        for (List<String> page : pages) {
            long bytes = page.stream().mapToLong(sizes::get).sum();
            assertThat(bytes).as("bytes of %s", page).isLessThanOrEqualTo(budget);
        }
        // filled greedily: the next message would not have fitted
        assertThat(pages).hasSizeLessThanOrEqualTo(6);
    }
}
