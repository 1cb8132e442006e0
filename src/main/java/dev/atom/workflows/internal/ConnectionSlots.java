package dev.atom.workflows.internal;

import dev.atom.shared.Ids;
import dev.atom.shared.db.SqlDialect;
import dev.atom.shared.time.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The cap on action calls in flight per connected account ({@code atom.workflows.connection-concurrency}).
 * Within one instance a semaphore per connection holds it. On PostgreSQL, where several instances share the
 * work, a call also leases one of the connection's numbered slot rows, so the cap holds across instances;
 * a dead holder's slot comes free when its lease (the call's timeout plus a minute) runs out. SQLite serves
 * one instance, so the semaphore alone is the cap there. Thread-safe.
 */
@Component
class ConnectionSlots {
    /** A held slot; closing it frees the slot. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private static final Duration LEASE_MARGIN = Duration.ofMinutes(1);
    private static final long RETRY_MILLIS = 25;

    private final Map<String, Semaphore> local = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final boolean shared;
    private final int cap;
    private final Clock clock;

    @Autowired
    ConnectionSlots(JdbcClient jdbc, SqlDialect dialect, WorkflowProperties properties, Clock clock) {
        this(jdbc, dialect == SqlDialect.POSTGRESQL, properties.connectionConcurrency(), clock);
    }

    ConnectionSlots(JdbcClient jdbc, boolean shared, int cap, Clock clock) {
        this.jdbc = jdbc;
        this.shared = shared;
        this.cap = cap;
        this.clock = clock;
    }

    /**
     * A slot of connection {@code key} for a call that lasts at most {@code callTimeout}, waiting up to
     * {@code maxWait} for one; null when none came free in time.
     */
    Held acquire(String key, Duration maxWait, Duration callTimeout) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        Semaphore semaphore = local.computeIfAbsent(key, k -> new Semaphore(cap));
        if (!semaphore.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
            return null;
        }
        if (!shared) {
            return semaphore::release;
        }
        String holder = Ids.newId();
        try {
            while (true) {
                Integer slot = lease(key, holder, callTimeout.plus(LEASE_MARGIN));
                if (slot != null) {
                    return () -> {
                        try {
                            free(key, slot, holder);
                        } finally {
                            semaphore.release();
                        }
                    };
                }
                if (System.nanoTime() > deadline) {
                    semaphore.release();
                    return null;
                }
                Thread.sleep(RETRY_MILLIS + ThreadLocalRandom.current().nextLong(RETRY_MILLIS));
            }
        } catch (InterruptedException | RuntimeException e) {
            semaphore.release();
            throw e;
        }
    }

    /** Takes a free or expired slot row for {@code holder}; the slot's number, or null when all are held. */
    Integer lease(String key, String holder, Duration lease) {
        Instant now = clock.instant();
        String nowText = Timestamps.format(now);
        Set<Integer> held = new HashSet<>(
                jdbc.sql("SELECT slot FROM workflow_connection_slots WHERE slot_key = ? AND lease_until > ?")
                        .params(key, nowText)
                        .query(Integer.class)
                        .list());
        for (int slot = 0; slot < cap; slot++) {
            if (held.contains(slot)) {
                continue;
            }
            int taken = jdbc.sql("""
                            INSERT INTO workflow_connection_slots (slot_key, slot, holder, lease_until)
                            VALUES (?, ?, ?, ?)
                            ON CONFLICT (slot_key, slot) DO UPDATE
                            SET holder = excluded.holder, lease_until = excluded.lease_until
                            WHERE workflow_connection_slots.lease_until <= ?""")
                    .params(key, slot, holder, Timestamps.format(now.plus(lease)), nowText)
                    .update();
            if (taken == 1) {
                return slot;
            }
        }
        return null;
    }

    /** Frees the slot if {@code holder} still holds it (an expired lease may have passed to another). */
    void free(String key, int slot, String holder) {
        jdbc.sql("DELETE FROM workflow_connection_slots WHERE slot_key = ? AND slot = ? AND holder = ?")
                .params(key, slot, holder)
                .update();
    }
}
