package dev.atom.assistant.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** What the evaluation set does not show one case at a time: clock changes, zones and hostile input. */
class IntentParserTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final IntentParser parser = new IntentParser();

    @Test
    void anOffsetAcrossTheSpringClockChangeCountsRealTime() {
        ZonedDateTime beforeChange = ZonedDateTime.of(2026, 3, 29, 1, 30, 0, 0, BERLIN);
        var task = (Intent.CreateTask) parser.parse("remind me to check the heating in 1 hour", beforeChange);
        // 01:30 CET + one real hour is 03:30 CEST: 02:00-03:00 does not exist that night
        assertThat(task.dueTime()).isEqualTo(LocalTime.of(3, 30));
    }

    @Test
    void aTimeInsideTheClockGapMovesForwardAndEventsKeepTheirLength() {
        ZonedDateTime now = ZonedDateTime.of(2026, 3, 26, 10, 30, 0, 0, BERLIN);
        var event = (Intent.CreateEvent) parser.parse("schedule backup check on Sunday at 2:30am for 1 hour", now);
        assertThat(event.start().toOffsetDateTime().toString()).isEqualTo("2026-03-29T03:30+02:00");
        assertThat(event.end().toOffsetDateTime().toString()).isEqualTo("2026-03-29T04:30+02:00");
    }

    @Test
    void todayAndTomorrowAreTheDaysOfTheGivenZone() {
        ZonedDateTime instant = ZonedDateTime.parse("2026-03-26T23:30:00Z");
        var inTokyo = (Intent.CreateTask)
                parser.parse("todo: pay rent tomorrow", instant.withZoneSameInstant(ZoneId.of("Asia/Tokyo")));
        var inNewYork = (Intent.CreateTask)
                parser.parse("todo: pay rent tomorrow", instant.withZoneSameInstant(ZoneId.of("America/New_York")));
        assertThat(inTokyo.dueDate()).isEqualTo(LocalDate.of(2026, 3, 28));
        assertThat(inNewYork.dueDate()).isEqualTo(LocalDate.of(2026, 3, 27));
    }

    @Test
    void emptyHugeAndNonsenseTextIsUnknown() {
        ZonedDateTime now = ZonedDateTime.of(2026, 3, 26, 10, 30, 0, 0, BERLIN);
        assertThat(parser.parse(null, now)).isInstanceOf(Intent.Unknown.class);
        assertThat(parser.parse("   ", now)).isInstanceOf(Intent.Unknown.class);
        assertThat(parser.parse("todo: " + "x".repeat(IntentParser.MAX_LENGTH), now))
                .isInstanceOf(Intent.Unknown.class);
        assertThat(parser.parse("remind me to", now)).isInstanceOf(Intent.Unknown.class);
        assertThat(parser.parse(")(*&^%$#@!", now)).isInstanceOf(Intent.Unknown.class);
    }

    @Test
    void anImpossibleDateIsLeftOutNotGuessed() {
        ZonedDateTime now = ZonedDateTime.of(2026, 3, 26, 10, 30, 0, 0, BERLIN);
        var task = (Intent.CreateTask) parser.parse("todo: file report by 2026-02-30", now);
        assertThat(task.dueDate()).isNull();
        var feb = (Intent.CreateTask) parser.parse("todo: file report on Feb 30", now);
        assertThat(feb.dueDate()).isNull();
    }

    @Test
    void aTimeAlreadyPastTodayMeansTomorrow() {
        ZonedDateTime evening = ZonedDateTime.of(2026, 3, 26, 21, 0, 0, 0, BERLIN);
        var task = (Intent.CreateTask) parser.parse("remind me to stretch at 8am", evening);
        assertThat(task.dueDate()).isEqualTo(LocalDate.of(2026, 3, 27));
    }
}
