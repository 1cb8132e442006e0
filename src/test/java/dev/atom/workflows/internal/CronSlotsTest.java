package dev.atom.workflows.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Schedule slots: crontab's five fields read in a time zone, across daylight saving time changes. */
class CronSlotsTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void weekdayMorningsInBerlinAreEightUtcInWinterAndSevenInSummer() {
        CronSlots slots = CronSlots.of("0 9 * * MON-FRI", BERLIN);
        // Friday noon in January: the next slot is Monday 09:00 CET
        assertThat(slots.next(Instant.parse("2026-01-09T12:00:00Z"))).isEqualTo("2026-01-12T08:00:00Z");
        // the weekend of 28/29 March 2026 moves Berlin to CEST: Monday 09:00 is 07:00 UTC
        assertThat(slots.next(Instant.parse("2026-03-27T12:00:00Z"))).isEqualTo("2026-03-30T07:00:00Z");
        // a slot is strictly after the instant given
        assertThat(slots.next(Instant.parse("2026-03-30T07:00:00Z"))).isEqualTo("2026-03-31T07:00:00Z");
    }

    @Test
    void theSameCronInAnotherZoneFiresAtAnotherInstant() {
        Instant after = Instant.parse("2026-01-09T00:00:00Z");
        assertThat(CronSlots.of("0 9 * * *", ZoneId.of("UTC")).next(after)).isEqualTo("2026-01-09T09:00:00Z");
        assertThat(CronSlots.of("0 9 * * *", ZoneId.of("America/New_York")).next(after))
                .isEqualTo("2026-01-09T14:00:00Z");
        assertThat(CronSlots.of("0 9 * * *", ZoneId.of("Asia/Kolkata")).next(after))
                .isEqualTo("2026-01-09T03:30:00Z");
    }

    @Test
    void aSlotInTheSkippedSpringHourMovesForwardByTheGap() {
        CronSlots slots = CronSlots.of("30 2 * * *", BERLIN);
        // 29 March 2026: 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist that day
        Instant first = slots.next(Instant.parse("2026-03-28T12:00:00Z"));
        assertThat(first).isEqualTo("2026-03-29T01:30:00Z");
        assertThat(slots.next(first)).isEqualTo("2026-03-30T00:30:00Z");
    }

    @Test
    void aSlotInTheRepeatedAutumnHourFiresOnce() {
        CronSlots slots = CronSlots.of("30 2 * * *", BERLIN);
        // 25 October 2026: 03:00 CEST falls back to 02:00 CET, so 02:30 happens twice; the schedule fires once
        Instant first = slots.next(Instant.parse("2026-10-24T12:00:00Z"));
        assertThat(first).isEqualTo("2026-10-25T00:30:00Z");
        assertThat(slots.next(first)).isEqualTo("2026-10-26T01:30:00Z");
    }

    @Test
    void sixFieldsAndMacrosAreAcceptedAndNonsenseIsRefusedWithAHint() {
        assertThat(CronSlots.of("*/30 * * * * *", BERLIN).next(Instant.parse("2026-01-01T00:00:10Z")))
                .isEqualTo("2026-01-01T00:00:30Z");
        assertThat(CronSlots.of("@daily", ZoneId.of("UTC")).next(Instant.parse("2026-01-01T10:00:00Z")))
                .isEqualTo("2026-01-02T00:00:00Z");
        assertThatThrownBy(() -> CronSlots.of("0 25 * * *", BERLIN))
                .hasMessageContaining("is not a valid cron expression");
        assertThatThrownBy(() -> CronSlots.of("every day", BERLIN))
                .hasMessageContaining("is not a valid cron expression");
    }
}
