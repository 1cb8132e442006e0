package dev.atom.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.internal.ConnectionRepositoryTest.MutableClock;
import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The hourly purge of seen trigger deliveries on every database: older than the retention goes, the rest stays. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class TriggerDeliveryHousekeepingTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00.5Z");
    /** Longer than the retention, so firstTime's own forgetting never interferes. */
    private static final Duration KEEP = Duration.ofDays(30);

    @Parameter
    TestDatabase db;

    @Test
    void purgesDeliveriesOlderThanTheRetentionAndKeepsRecentOnes() {
        MutableClock clock = new MutableClock(NOW);
        var deliveries = new TriggerDeliveryRepository(db.jdbc(), db.transactions(), clock);
        String ws = Ids.newId();
        String other = Ids.newId();
        received(deliveries, clock, ws, "old", NOW.minus(Duration.ofDays(8)));
        received(
                deliveries,
                clock,
                other,
                "old-elsewhere",
                NOW.minus(Duration.ofDays(7)).minusMillis(1));
        received(
                deliveries,
                clock,
                ws,
                "just-inside",
                NOW.minus(Duration.ofDays(7)).plusMillis(1));
        received(deliveries, clock, ws, "recent", NOW.minus(Duration.ofHours(1)));

        var housekeeping = new TriggerDeliveryHousekeeping(deliveries, clock, Duration.ofDays(7));
        assertThat(housekeeping.purge(NOW)).as("old rows of every workspace").isEqualTo(2);
        assertThat(housekeeping.purge(NOW)).as("idempotent").isZero();

        clock.now = NOW;
        assertThat(deliveries.firstTime(ws, "wf-1", "recent", KEEP))
                .as("a recent delivery is still a repeat")
                .isFalse();
        assertThat(deliveries.firstTime(ws, "wf-1", "just-inside", KEEP)).isFalse();
        assertThat(deliveries.firstTime(ws, "wf-1", "old", KEEP))
                .as("a purged delivery is forgotten")
                .isTrue();
        assertThat(deliveries.firstTime(other, "wf-1", "old-elsewhere", KEEP)).isTrue();
    }

    @Test
    void theRetentionIsNeverShorterThanTheReplayWindow() {
        var deliveries = new TriggerDeliveryRepository(db.jdbc(), db.transactions(), new MutableClock(NOW));
        var shortRetention = new TriggerDeliveryHousekeeping(deliveries, new MutableClock(NOW), Duration.ofMinutes(5));
        assertThat(shortRetention.retention()).isEqualTo(WebhookReceiver.REMEMBER);
    }

    private static void received(
            TriggerDeliveryRepository deliveries, MutableClock clock, String ws, String key, Instant at) {
        clock.now = at;
        assertThat(deliveries.firstTime(ws, "wf-1", key, KEEP)).isTrue();
    }
}
