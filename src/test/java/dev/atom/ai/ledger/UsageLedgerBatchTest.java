package dev.atom.ai.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The ledger's background writer: rows arrive after a flush, on their own, on shutdown, and none get lost. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class UsageLedgerBatchTest {
    @Parameter
    TestDatabase db;

    private String ws;

    @BeforeEach
    void setUp() {
        ws = Ids.newId();
    }

    private UsageRecord record(String requestId) {
        return new UsageRecord(
                Ids.newId(),
                ws,
                "user-1",
                "key-1",
                "openai",
                "openai/gpt-4o-mini",
                10,
                5,
                0,
                42,
                3,
                null,
                "ok",
                null,
                requestId,
                "api_client",
                false,
                false,
                Instant.parse("2026-11-24T10:00:00Z"));
    }

    /** Counts rows straight from the table, so the ledger's own read-time flush cannot hide a missing write. */
    private long rows() {
        return db.jdbc()
                .sql("SELECT COUNT(*) FROM ai_usage WHERE workspace_id = :ws")
                .param("ws", ws)
                .query(Long.class)
                .single();
    }

    @Test
    void rowsArePresentAfterAFlush() {
        UsageLedger ledger = new UsageLedger(db.jdbc());
        try {
            for (int i = 0; i < 120; i++) { // more than one INSERT batch
                ledger.append(record("req-" + i));
            }
            ledger.flush();
            assertThat(rows()).isEqualTo(120);
            assertThat(ledger.byRequest(ws, "req-7")).singleElement().satisfies(r -> {
                assertThat(r.costMicros()).isEqualTo(42);
                assertThat(r.ttftMs()).isNull();
            });
        } finally {
            ledger.close();
        }
    }

    @Test
    void theWriterFlushesOnItsOwn() throws InterruptedException {
        UsageLedger ledger = new UsageLedger(db.jdbc());
        try {
            ledger.append(record("req-1"));
            long deadline = System.nanoTime() + 10_000_000_000L; // generous: the writer runs every 50 ms
            while (rows() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(rows()).isEqualTo(1);
        } finally {
            ledger.close();
        }
    }

    @Test
    void closingWritesWhatIsQueued() {
        UsageLedger ledger = new UsageLedger(db.jdbc());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            UsageRecord r = record("req-" + i);
            ids.add(r.id());
            ledger.append(r);
        }
        ledger.close();
        assertThat(rows()).isEqualTo(30);
        // appends after close are written at once
        ledger.append(record("late"));
        assertThat(rows()).isEqualTo(31);
    }

    @Test
    void noRowIsLostUnderConcurrency() throws Exception {
        UsageLedger ledger = new UsageLedger(db.jdbc());
        int threads = 16;
        int each = 1_000; // 16,000 rows: more than the queue holds, so back-pressure is exercised too
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        ledger.append(record("req-" + thread + "-" + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
            ledger.close();
        }
        assertThat(rows()).isEqualTo((long) threads * each);
        long distinct = db.jdbc()
                .sql("SELECT COUNT(DISTINCT request_id) FROM ai_usage WHERE workspace_id = :ws")
                .param("ws", ws)
                .query(Long.class)
                .single();
        assertThat(distinct).isEqualTo((long) threads * each);
    }
}
