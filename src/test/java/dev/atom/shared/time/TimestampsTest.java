package dev.atom.shared.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void readsWhatItWritesExactlyAsInstantParseDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_402_300_000L), 0)
                    .plusNanos(random.nextInt(1_000_000) * 1_000L);
            String text = Timestamps.format(t);
            assertThat(Timestamps.parse(text))
                    .as(text)
                    .isEqualTo(Instant.parse(text))
                    .isEqualTo(t);
        }
    }

    @Test
    void daysAtTheEndsOfMonthsAndLeapDays() {
        for (String text : new String[] {
            "2024-02-29T23:59:59.999999Z", "2026-12-31T00:00:00.000000Z", "1970-01-01T00:00:00.000000Z",
            "9999-12-31T00:00:00.000000Z", "2026-03-29T01:30:00.000001Z", "0001-01-01T00:00:00.000000Z"
        }) {
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void otherWidthsAreStillRead() {
        assertThat(Timestamps.parse("2026-11-24T18:28:51Z")).isEqualTo(Instant.parse("2026-11-24T18:28:51Z"));
        assertThat(Timestamps.parse("2026-11-24T18:28:51.123Z")).isEqualTo(Instant.parse("2026-11-24T18:28:51.123Z"));
        assertThat(Timestamps.parse(null)).isNull();
    }

    @Test
    void impossibleDatesFailAsInstantParseFails() {
        for (String text : new String[] {
            "2026-02-30T00:00:00.000000Z", "2026-13-01T00:00:00.000000Z", "2026-04-31T00:00:00.000000Z",
            "2026-01-01T00:60:00.000000Z", "2026-01-01 00:00:00.000000Z", "2026-01-01T00:00:00.00000aZ"
        }) {
            assertThatThrownBy(() -> Timestamps.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
        // Instant.parse reads 24:00 as the next midnight; so does the short path, by leaving it to Instant.parse
        assertThat(Timestamps.parse("2026-01-01T24:00:00.000000Z"))
                .isEqualTo(Instant.parse("2026-01-01T24:00:00.000000Z"));
    }
}
