package dev.atom.workspace.inbox;

import static dev.atom.workspace.inbox.InboxFixtures.mail;
import static dev.atom.workspace.inbox.InboxFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.SyncChange;
import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import dev.atom.workspace.search.SearchDocument;
import dev.atom.workspace.search.SearchDocumentsChanged;
import dev.atom.workspace.sync.SyncScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The inbox store and its repositories, on SQLite and (when configured) PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class InboxRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    @Parameter
    TestDatabase db;

    private InboxRepository repo;
    private TriageRepository triage;
    private InboxStore store;
    private final List<Object> events = new ArrayList<>();
    private String ws;
    private String ann;
    private String bob;
    private SyncScope annMail;

    @BeforeEach
    void setUp() {
        repo = new InboxRepository(db.jdbc(), db.dialect());
        triage = new TriageRepository(db.jdbc());
        store = new InboxStore(repo, triage, db.transactions(), events::add);
        ws = Ids.newId();
        ann = Ids.newId();
        bob = Ids.newId();
        String conn = InboxFixtures.connection(db.jdbc(), ws, "email", ann, "private");
        annMail = new SyncScope(ws, conn, "email", "email.messages");
    }

    private void apply(SyncScope scope, SyncChange... changes) {
        store.apply(scope, List.of(changes), T0);
    }

    private static SyncChange up(dev.atom.connectors.SyncedMessage m) {
        return new SyncChange.Upsert(m);
    }

    private List<String> subjects(String viewer, InboxQuery q) {
        return repo.list(ws, viewer, q, T0).items().stream()
                .map(m -> m.message().subject())
                .toList();
    }

    @Test
    void appliesIdempotentlyKeepsIdsAndPublishesSearchChanges() {
        apply(annMail, up(mail("1", "Bob <BOB@example.com>", "Hello", T0)));
        String id = repo.list(ws, ann, InboxQuery.firstPage(10), T0)
                .items()
                .getFirst()
                .id();
        apply(annMail, up(with(mail("1", "bob@example.com", "Hello", T0), false, false, false, false)));
        assertThat(store.count(annMail)).isEqualTo(1);
        InboxMessage m = repo.find(ws, ann, id).orElseThrow();
        assertThat(m.message().unread()).isFalse();
        assertThat(m.message().from()).isEqualTo("bob@example.com");
        assertThat(m.message().bodyText()).isEqualTo("Body of Hello");
        var changed = (SearchDocumentsChanged) events.getLast();
        assertThat(changed.upserted()).extracting(SearchDocument::id).containsExactly(id);
        assertThat(changed.upserted().getFirst().type()).isEqualTo("message");
        assertThat(changed.upserted().getFirst().connectionId()).isEqualTo(annMail.connectionId());

        apply(annMail, new SyncChange.Removed("1"), new SyncChange.Removed("never-seen"));
        assertThat(store.count(annMail)).isZero();
        assertThat(((SearchDocumentsChanged) events.getLast()).removed()).containsExactly("message:" + id);
    }

    @Test
    void listsNewestFirstWithAKeysetCursorAndFilters() {
        for (int i = 0; i < 5; i++) {
            apply(annMail, up(mail("m" + i, "x" + i + "@example.com", "S" + i, T0.minusSeconds(60L * i))));
        }
        // two at the same instant: the id breaks the tie, and none is skipped or repeated
        apply(annMail, up(mail("same", "y@example.com", "Same", T0.minusSeconds(60))));
        List<String> seen = new ArrayList<>();
        InboxCursor after = null;
        do {
            var page = repo.list(ws, ann, new InboxQuery(null, null, null, null, null, after, 2), T0);
            page.items().forEach(m -> seen.add(m.message().subject()));
            after = page.nextCursor() == null
                    ? null
                    : InboxCursor.decode(page.nextCursor()).orElseThrow();
        } while (after != null);
        assertThat(seen).hasSize(6).doesNotHaveDuplicates().startsWith("S0").endsWith("S4");

        apply(annMail, up(with(mail("m1", "x1@example.com", "S1", T0.minusSeconds(60)), false, false, false, false)));
        assertThat(subjects(ann, new InboxQuery(null, null, false, null, null, null, 10)))
                .containsExactly("S1");
        assertThat(subjects(ann, new InboxQuery(null, null, null, null, "s3", null, 10)))
                .containsExactly("S3");
        assertThat(subjects(ann, new InboxQuery("email", null, null, null, "x2@", null, 10)))
                .containsExactly("S2");
        assertThat(subjects(ann, new InboxQuery("slack", null, null, null, null, null, 10)))
                .isEmpty();
        assertThat(subjects(ann, new InboxQuery(null, annMail.connectionId(), null, null, null, null, 1)))
                .containsExactly("S0");
    }

    @Test
    void aMemberNeverSeesAnotherMembersPrivateMailButSeesSharedOnes() {
        apply(annMail, up(mail("p", "a@example.com", "Private", T0)));
        String shared = InboxFixtures.connection(db.jdbc(), ws, "slack", ann, "shared");
        apply(new SyncScope(ws, shared, "slack", "slack.messages"), up(mail("s", "b@example.com", "Shared", T0)));
        assertThat(subjects(ann, InboxQuery.firstPage(10))).containsExactlyInAnyOrder("Private", "Shared");
        assertThat(subjects(bob, InboxQuery.firstPage(10))).containsExactly("Shared");
        String privateId = repo.list(ws, ann, new InboxQuery("email", null, null, null, null, null, 10), T0)
                .items()
                .getFirst()
                .id();
        assertThat(repo.find(ws, bob, privateId)).isEmpty();
        assertThat(repo.find(Ids.newId(), ann, privateId)).isEmpty();
    }

    @Test
    void triageMarksVipsContactsMentionsAndDirectMail() {
        // Ann wrote to carol: mail from carol counts
        apply(
                annMail,
                up(with(mail("sent", "me@example.com", "To Carol", T0.minusSeconds(600)), false, true, false, false)));
        var sent = mail("sent2", "me@example.com", "Again", T0.minusSeconds(500));
        apply(
                annMail,
                up(with(
                        new dev.atom.connectors.SyncedMessage(
                                sent.externalId(),
                                "email",
                                null,
                                "Sent",
                                sent.from(),
                                null,
                                List.of("Carol <CAROL@example.com>"),
                                List.of("dan@example.com"),
                                "Again",
                                null,
                                null,
                                sent.receivedAt(),
                                false,
                                true,
                                false,
                                false,
                                List.of(),
                                null,
                                null,
                                null,
                                null,
                                null),
                        false,
                        true,
                        false,
                        false)));
        apply(
                annMail,
                up(mail("c", "carol@example.com", "From Carol", T0)),
                up(mail("v", "vip@example.com", "From VIP", T0.minusSeconds(1))),
                up(with(mail("d", "d@example.com", "Direct", T0.minusSeconds(2)), true, false, true, false)),
                up(with(mail("n", "n@example.com", "Mention", T0.minusSeconds(3)), true, false, false, true)),
                up(mail("l", "list@example.com", "Newsletter", T0.minusSeconds(4))));
        assertThat(triage.isContact(ws, ann, "carol@example.com")).isTrue();
        assertThat(triage.isContact(ws, ann, "Dan <dan@example.com>")).isTrue();
        assertThat(triage.isContact(ws, bob, "carol@example.com")).isFalse();

        assertThat(triage.addVip(ws, ann, "VIP@example.com", T0)).isTrue();
        assertThat(triage.addVip(ws, ann, "vip@example.com", T0)).isFalse();
        assertThat(triage.vips(ws, ann)).containsExactly("vip@example.com");
        var important = new InboxQuery(null, null, null, true, null, null, 10);
        assertThat(subjects(ann, important)).containsExactly("From Carol", "From VIP", "Direct", "Mention");
        assertThat(subjects(ann, new InboxQuery(null, null, null, false, null, null, 10)))
                .containsExactly("Newsletter");
        var vipMail = repo.list(ws, ann, important, T0).items().get(1);
        assertThat(vipMail.importantBecause()).containsExactly("vip");
        assertThat(triage.removeVip(ws, ann, "vip@example.com")).isTrue();
        assertThat(subjects(ann, important)).containsExactly("From Carol", "Direct", "Mention");

        // removing the connection forgets its mail and what it taught
        assertThat(store.removeConnection(ws, annMail.connectionId())).isEqualTo(7);
        assertThat(triage.isContact(ws, ann, "carol@example.com")).isFalse();
    }

    @Test
    void archiveReadStateSnoozeAndThreads() {
        apply(
                annMail,
                up(InboxFixtures.inThread(mail("a", "a@example.com", "First", T0.minusSeconds(60)), "T")),
                up(InboxFixtures.inThread(mail("b", "b@example.com", "Second", T0), "T")),
                up(mail("c", "c@example.com", "Other", T0.minusSeconds(30))));
        List<InboxMessage> all =
                repo.list(ws, ann, InboxQuery.firstPage(10), T0).items();
        InboxMessage second = all.getFirst();
        assertThat(repo.thread(ann, second))
                .extracting(m -> m.message().subject())
                .containsExactly("First", "Second");
        InboxMessage other = all.get(1);
        assertThat(repo.thread(
                        ann,
                        new InboxMessage(
                                other.id(),
                                ws,
                                other.connectionId(),
                                "email",
                                "f",
                                InboxFixtures.inThread(other.message(), null),
                                false,
                                List.of())))
                .hasSize(1);

        assertThat(repo.setUnread(ws, second.id(), false)).isTrue();
        assertThat(repo.find(ws, ann, second.id()).orElseThrow().message().unread())
                .isFalse();
        assertThat(repo.setUnread(Ids.newId(), second.id(), true)).isFalse();
        assertThat(repo.setArchived(ws, second.id(), true)).isTrue();
        assertThat(subjects(ann, InboxQuery.firstPage(10))).containsExactly("Other", "First");
        // a sync of the same message keeps Atom's archive mark
        apply(annMail, up(InboxFixtures.inThread(mail("b", "b@example.com", "Second", T0), "T")));
        assertThat(repo.find(ws, ann, second.id()).orElseThrow().archived()).isTrue();
        assertThat(repo.setArchived(ws, second.id(), false)).isTrue();

        Instant until = T0.plusSeconds(3600);
        repo.snooze(ws, ann, other.id(), T0.plusSeconds(60));
        repo.snooze(ws, ann, other.id(), until);
        assertThat(repo.snoozedUntil(ann, other.id(), T0)).contains(until);
        assertThat(repo.snoozedUntil(ann, other.id(), until)).isEmpty();
        assertThat(subjects(ann, InboxQuery.firstPage(10))).containsExactly("Second", "First");
        assertThat(repo.list(ws, ann, InboxQuery.firstPage(10), until).items()).hasSize(3);
    }

    @Test
    void sweepRemovesWhatAFullResyncNoLongerSawAndSearchStreamsEverything() {
        apply(annMail, up(mail("old", "a@example.com", "Old", T0)));
        store.apply(annMail, List.of(up(mail("kept", "a@example.com", "Kept", T0))), T0.plusSeconds(10));
        assertThat(store.sweep(annMail, T0.plusSeconds(5))).isEqualTo(1);
        assertThat(subjects(ann, InboxQuery.firstPage(10))).containsExactly("Kept");
        assertThat(((SearchDocumentsChanged) events.getLast()).removed()).hasSize(1);

        List<SearchDocument> docs = new ArrayList<>();
        new MessageSearchSource(repo).forEach(docs::add);
        assertThat(docs)
                .filteredOn(d -> d.workspaceId().equals(ws))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.title()).isEqualTo("Kept");
                    assertThat(d.fields()).containsEntry("from", "a@example.com");
                    assertThat(d.source()).isEqualTo("E-mail");
                });
    }

    @Test
    void theRepositoryUpsertsCountsRemovesSweepsAndForgetsAConnectionDirectly() {
        String conn = annMail.connectionId();
        assertThat(repo.connectionOwner(ws, conn)).contains(ann);
        assertThat(repo.connectionOwner(Ids.newId(), conn))
                .as("only within its workspace")
                .isEmpty();

        String id = repo.upsert(annMail, mail("m1", "a@example.com", "Hello", T0), T0);
        assertThat(repo.upsert(annMail, mail("m1", "a@example.com", "Hello again", T0), T0.plusSeconds(1)))
                .as("the Atom id is kept")
                .isEqualTo(id);
        repo.upsert(annMail, mail("m2", "b@example.com", "Other", T0), T0);
        assertThat(repo.count(annMail)).isEqualTo(2);
        List<String> seen = new ArrayList<>();
        repo.forEach(m -> {
            if (m.workspaceId().equals(ws)) {
                seen.add(m.message().subject());
            }
        });
        assertThat(seen).containsExactlyInAnyOrder("Hello again", "Other");

        assertThat(repo.remove(annMail, "m1")).contains(id);
        assertThat(repo.remove(annMail, "m1")).as("already gone").isEmpty();
        assertThat(repo.sweep(annMail, T0.plusSeconds(1))).hasSize(1);
        assertThat(repo.count(annMail)).isZero();

        triage.addContacts(ws, ann, conn, List.of("Dana <Dana@Example.com>", " "), "wrote", T0);
        assertThat(triage.isContact(ws, ann, "dana@example.com")).isTrue();
        repo.upsert(annMail, mail("m3", "c@example.com", "Third", T0), T0);
        assertThat(repo.removeConnection(ws, conn)).hasSize(1);
        assertThat(triage.isContact(ws, ann, "dana@example.com"))
                .as("contacts learnt through a removed connection are forgotten")
                .isFalse();
    }
}
