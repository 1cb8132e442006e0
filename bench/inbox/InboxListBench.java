package dev.atom.workspace.inbox;

import dev.atom.connectors.SyncChange;
import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import dev.atom.testing.TestDatabases;
import dev.atom.workspace.sync.SyncScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The inbox list over 100,000 synced messages (issue 10: p99 <= 10 ms): messages written through the inbox's
 * SyncStore into a fresh SQLite (and PostgreSQL when ATOM_TEST_PG_URL is set) database, then the viewer's list
 * queries timed: the first page, a page deep in the keyset, unread only, important only. Prints the store's
 * write rate and p50/p99 of each query. In the inbox's package (its classes are package-private).
 */
public class InboxListBench {
    public static void main(String[] args) {
        int total = Integer.getInteger("messages", 100_000);
        int queries = Integer.getInteger("queries", 2_000);
        List<TestDatabase> dbs = new ArrayList<>(List.of(TestDatabases.sqlite()));
        if (TestDatabases.postgresConfigured()) {
            dbs.add(TestDatabases.postgres());
        }
        for (TestDatabase db : dbs) {
            run(db, total, queries);
        }
    }

    static void run(TestDatabase db, int total, int queries) {
        InboxRepository repo = new InboxRepository(db.jdbc(), db.dialect());
        InboxStore store = new InboxStore(repo, new TriageRepository(db.jdbc()), db.transactions(), e -> {});
        String ws = Ids.newId();
        String ann = Ids.newId();
        String mail = InboxFixtures.connection(db.jdbc(), ws, "email", ann, "private");
        String slack = InboxFixtures.connection(db.jdbc(), ws, "slack", ann, "shared");
        // another member's private mailbox in the same workspace: filtered out by every query
        String other = InboxFixtures.connection(db.jdbc(), ws, "gmail", Ids.newId(), "private");
        String[] conns = {mail, slack, other};
        Random random = new Random(42);
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        long start = System.nanoTime();
        for (int page = 0; page < total / 1000; page++) {
            List<List<SyncChange>> byConn = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < 1000; i++) {
                int n = page * 1000 + i;
                var m = InboxFixtures.with(
                        InboxFixtures.mail("x" + n, "sender" + random.nextInt(2000) + "@example.com", "Subject " + n,
                                t0.minusSeconds(n * 60L)),
                        random.nextInt(4) == 0, false, random.nextInt(5) == 0, false);
                byConn.get(n % 3).add(new SyncChange.Upsert(m));
            }
            for (int c = 0; c < 3; c++) {
                store.apply(new SyncScope(ws, conns[c], c == 1 ? "slack" : "email", "f"), byConn.get(c), t0);
            }
        }
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %,d messages stored in %.1f s (%,.0f messages/s)%n", db, total, writeSeconds,
                total / writeSeconds);
        InboxCursor deep = InboxCursor.decode(
                        repo.list(ws, ann, new InboxQuery(null, null, null, null, null, null, 200), t0)
                                .nextCursor())
                .orElseThrow();
        for (int i = 0; i < 60; i++) { // deeper: 60 pages of 200
            String next = repo.list(ws, ann, new InboxQuery(null, null, null, null, null, deep, 200), t0)
                    .nextCursor();
            deep = InboxCursor.decode(next).orElseThrow();
        }
        InboxCursor deepPage = deep;
        time(db + " first page (50)", queries, () -> repo.list(ws, ann, InboxQuery.firstPage(50), t0));
        time(db + " page after 12,200 (50)", queries,
                () -> repo.list(ws, ann, new InboxQuery(null, null, null, null, null, deepPage, 50), t0));
        time(db + " unread only (50)", queries,
                () -> repo.list(ws, ann, new InboxQuery(null, null, true, null, null, null, 50), t0));
        time(db + " important only (50)", queries,
                () -> repo.list(ws, ann, new InboxQuery(null, null, null, true, null, null, 50), t0));
        time(db + " source=slack (50)", queries,
                () -> repo.list(ws, ann, new InboxQuery("slack", null, null, null, null, null, 50), t0));
        db.dataSource().close();
    }

    static void time(String name, int n, Runnable query) {
        for (int i = 0; i < n / 4; i++) {
            query.run(); // warm-up
        }
        long[] ns = new long[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            query.run();
            ns[i] = System.nanoTime() - s;
        }
        Arrays.sort(ns);
        System.out.printf("  %-40s p50 %6.2f ms  p99 %6.2f ms  (%d queries)%n", name, ns[n / 2] / 1e6,
                ns[(int) (n * 0.99)] / 1e6, n);
    }
}
