package dev.atom.workflows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The per-connection slot rows shared by instances, on SQLite and PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class ConnectionSlotsTest {
    private static final Instant T0 = Instant.parse("2100-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);

    @Parameter
    TestDatabase db;

    private String key;

    @BeforeEach
    void setUp() {
        key = Ids.newId(); // a fresh connection per test: a live engine never uses it
    }

    private ConnectionSlots slots(Instant now) {
        return new ConnectionSlots(db.jdbc(), true, 2, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void atMostCapHoldersAndAFreedSlotIsTakenAgain() {
        ConnectionSlots slots = slots(T0);
        assertThat(slots.lease(key, "a", LEASE)).isZero();
        assertThat(slots.lease(key, "b", LEASE)).isEqualTo(1);
        assertThat(slots.lease(key, "c", LEASE)).as("both slots held").isNull();
        assertThat(slots.lease(Ids.newId(), "c", LEASE))
                .as("another connection")
                .isZero();

        slots.free(key, 0, "b");
        assertThat(slots.lease(key, "c", LEASE))
                .as("only its holder frees a slot")
                .isNull();
        slots.free(key, 0, "a");
        assertThat(slots.lease(key, "c", LEASE)).isZero();
    }

    @Test
    void aDeadHoldersSlotComesFreeWhenItsLeaseEnds() {
        slots(T0).lease(key, "dead", LEASE);
        slots(T0).lease(key, "alive", LEASE.multipliedBy(10));
        assertThat(slots(T0.plus(LEASE).minusSeconds(1)).lease(key, "late", LEASE))
                .isNull();
        assertThat(slots(T0.plus(LEASE)).lease(key, "late", LEASE)).isZero();
        slots(T0.plus(LEASE)).free(key, 0, "dead");
        assertThat(slots(T0.plus(LEASE)).lease(key, "later", LEASE))
                .as("the dead holder's late release leaves the new holder's slot alone")
                .isNull();
    }

    @Test
    void concurrentTakersNeverShareASlot() throws Exception {
        ConnectionSlots slots = slots(T0);
        List<Callable<Integer>> takers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String holder = "h" + i;
            takers.add(() -> slots.lease(key, holder, LEASE));
        }
        List<Integer> taken = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(6)) {
            for (Future<Integer> f : pool.invokeAll(takers)) {
                if (f.get() != null) {
                    taken.add(f.get());
                }
            }
        }
        assertThat(taken).containsExactlyInAnyOrder(0, 1);
    }
}
