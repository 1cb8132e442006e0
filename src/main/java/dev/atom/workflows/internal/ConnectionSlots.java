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
 * work, a call also leases one of the connection's numbered slot rows, so the cap holds across instances.
 * The lease is as short as a run's ({@code atom.workflows.lease}) and renewed while the call lasts, so the
 * slots of an instance that died come free as soon as its runs do (a long lease would stall the runs that
 * resume them). SQLite serves one instance, so the semaphore alone is the cap there. Thread-safe.
 */
@Component
class ConnectionSlots {
    /** A held slot; closing it frees the slot. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private static final long RETRY_MILLIS = 25;

    /** A slot row this instance holds, renewed until it is freed. */
    private record Lease(String key, int slot, String holder) {}

    private final Map<String, Semaphore> local = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final boolean shared;
    private final int cap;
    private final Clock clock;
    private final Duration lease;
    private final Set<Lease> held = ConcurrentHashMap.newKeySet();
    private final Thread renewer;

    @Autowired
    ConnectionSlots(JdbcClient jdbc, SqlDialect dialect, WorkflowProperties properties, Clock clock) {
        this(jdbc, dialect == SqlDialect.POSTGRESQL, properties.connectionConcurrency(), clock, properties.lease());
    }

    ConnectionSlots(JdbcClient jdbc, boolean shared, int cap, Clock clock, Duration lease) {
        this.jdbc = jdbc;
        this.shared = shared;
        this.cap = cap;
        this.clock = clock;
        this.lease = lease;
        this.renewer = shared
                ? Thread.ofPlatform().name("atom-connection-slots").daemon().start(this::renewHeld)
                : null;
    }

    /** A slot of connection {@code key}, waiting up to {@code maxWait} for one; null when none came free. */
    Held acquire(String key, Duration maxWait) throws InterruptedException {
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
                Integer slot = lease(key, holder, lease);
                if (slot != null) {
                    Lease taken = new Lease(key, slot, holder);
                    held.add(taken);
                    return () -> {
                        held.remove(taken);
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

    /** Extends the leases of the slots held here, every third of a lease, until the process ends. */
    private void renewHeld() {
        long every = Math.max(lease.toMillis() / 3, 50);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            String until = Timestamps.format(clock.instant().plus(lease));
            for (Lease l : held) {
                try {
                    renew(l.key(), l.slot(), l.holder(), until);
                } catch (RuntimeException e) {
                    // the next round tries again; a lease lost meanwhile only lets one more call through
                }
            }
        }
    }

    void renew(String key, int slot, String holder, String until) {
        jdbc.sql("UPDATE workflow_connection_slots SET lease_until = ? WHERE slot_key = ? AND slot = ? AND holder = ?")
                .params(until, key, slot, holder)
                .update();
    }

    /** Frees the slot if {@code holder} still holds it (an expired lease may have passed to another). */
    void free(String key, int slot, String holder) {
        jdbc.sql("DELETE FROM workflow_connection_slots WHERE slot_key = ? AND slot = ? AND holder = ?")
                .params(key, slot, holder)
                .update();
    }
}
