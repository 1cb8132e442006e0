package dev.atom.workspace.inbox;

import dev.atom.connectors.SyncChange;
import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import dev.atom.testing.TestDatabases;
import dev.atom.workspace.sync.SyncScope;
import java.time.Instant;
import java.util.List;

/**
 * The inbox's sync store over a fresh SQLite database, for the IMAP sync benchmark: pages applied the way the sync
 * engine applies them (one transaction per page, triage contacts, search events dropped). Public for the bench in
 * another package; InboxStore itself stays package-private.
 */
public final class BenchInboxStore {
    private final InboxStore store;
    private final SyncScope scope;

    private BenchInboxStore(TestDatabase db) {
        store = new InboxStore(
                new InboxRepository(db.jdbc(), db.dialect()), new TriageRepository(db.jdbc()), db.transactions(),
                e -> {});
        String ws = Ids.newId();
        String mail = InboxFixtures.connection(db.jdbc(), ws, "email", Ids.newId(), "private");
        scope = new SyncScope(ws, mail, "email", "email.messages");
    }

    public static BenchInboxStore sqlite() {
        return new BenchInboxStore(TestDatabases.sqlite());
    }

    public void apply(List<SyncChange> changes) {
        store.apply(scope, changes, Instant.now());
    }
}
