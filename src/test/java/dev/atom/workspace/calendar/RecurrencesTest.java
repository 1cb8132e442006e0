package dev.atom.workspace.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-window occurrence cache answers exactly what one expansion of the whole range answers. */
class RecurrencesTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    record Series(Temporal start, Temporal end, String zone, List<String> rules) {}

    private static final List<Series> SERIES = List.of(
            timed(ZonedDateTime.of(2025, 3, 3, 9, 0, 0, 0, BERLIN), Duration.ofMinutes(30), "RRULE:FREQ=WEEKLY"),
            timed(ZonedDateTime.of(2025, 1, 1, 23, 0, 0, 0, BERLIN), Duration.ofHours(2), "RRULE:FREQ=DAILY"),
            timed(ZonedDateTime.of(2025, 6, 6, 22, 0, 0, 0, BERLIN), Duration.ofDays(3), "RRULE:FREQ=WEEKLY;BYDAY=FR"),
            timed(ZonedDateTime.of(2025, 2, 1, 12, 0, 0, 0, BERLIN), Duration.ZERO, "RRULE:FREQ=DAILY;INTERVAL=3"),
            timed(
                    ZonedDateTime.of(2025, 1, 10, 8, 0, 0, 0, BERLIN),
                    Duration.ofHours(1),
                    "RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=20",
                    "EXDATE;TZID=Europe/Berlin:20250513T080000"),
            timed(
                    ZonedDateTime.of(2025, 1, 6, 7, 0, 0, 0, ZoneId.of("UTC")),
                    Duration.ofMinutes(15),
                    "RRULE:FREQ=HOURLY;INTERVAL=5;UNTIL=20260301T000000Z"),
            new Series(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 2), null, List.of("RRULE:FREQ=DAILY")),
            new Series(LocalDate.of(2025, 4, 30), LocalDate.of(2025, 5, 3), null, List.of("RRULE:FREQ=MONTHLY")));

    private static Series timed(ZonedDateTime start, Duration length, String... rules) {
        return new Series(start, start.plus(length), start.getZone().getId(), List.of(rules));
    }

    @Test
    void windowsAnswerWhatOneExpansionAnswers() {
        Random random = new Random(11);
        Instant base = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < 400; i++) {
            Instant from = base.plusSeconds(random.nextLong(0, 500L * 86_400));
            if (i % 4 == 0) { // on a window's first second, where occurrences are split between two windows
                from = Instant.ofEpochSecond(
                        Math.floorDiv(from.getEpochSecond(), 32L * 86_400) * 32L * 86_400 + 2 * 86_400);
            }
            Instant to = from.plus(Duration.ofDays(List.of(1, 7, 14, 35, 120).get(random.nextInt(5))));
            for (Series s : SERIES) {
                var cached = Recurrences.expand(s.start(), s.end(), s.zone(), s.rules(), from, to);
                var whole = Recurrences.expandWhole(s.start(), s.end(), s.zone(), s.rules(), from, to);
                assertThat(cached).as("%s in [%s, %s)", s.rules(), from, to).isEqualTo(whole);
                // twice: the second read comes from the cache
                assertThat(Recurrences.expand(s.start(), s.end(), s.zone(), s.rules(), from, to))
                        .isEqualTo(whole);
            }
        }
    }

    @Test
    void aRangeWithMoreThanAReadReturnsIsCutAsBefore() {
        var start = ZonedDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"));
        List<String> minutely = List.of("RRULE:FREQ=MINUTELY");
        Instant from = Instant.parse("2025-03-01T00:00:00Z");
        Instant to = Instant.parse("2025-03-08T00:00:00Z");
        var cached = Recurrences.expand(start, start.plusMinutes(5), "UTC", minutely, from, to);
        assertThat(cached)
                .hasSize(Recurrences.MAX_OCCURRENCES)
                .isEqualTo(Recurrences.expandWhole(start, start.plusMinutes(5), "UTC", minutely, from, to));
    }
}
