package dev.atom.workspace.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.identity.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a briefing is assembled from section beans: kinds without a source are not available (and empty), a
 * failing source shows its error in its own section only, items are ordered and cut, gaps come from the
 * meetings, and the offline summary reads them out. The sections here are plain implementations of the SPI,
 * as a calendar or inbox would plug in.
 */
class BriefingServiceTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate DAY = LocalDate.of(2026, 12, 7);
    private static final Instant NOW = DAY.atTime(8, 0).atZone(BERLIN).toInstant();

    private static Instant at(int hour, int minute) {
        return DAY.atTime(hour, minute).atZone(BERLIN).toInstant();
    }

    private record Fixed(SectionKind kind, List<? extends BriefingItem> answer) implements BriefingSection {
        @Override
        public List<? extends BriefingItem> items(BriefingRequest request) {
            return answer;
        }
    }

    private record Failing(SectionKind kind) implements BriefingSection {
        @Override
        public List<? extends BriefingItem> items(BriefingRequest request) {
            throw new IllegalStateException("the calendar store is gone");
        }
    }

    private static Briefing briefing(BriefingSection... sections) {
        var service = new BriefingService(List.of(sections), null, Clock.fixed(NOW, ZoneOffset.UTC));
        return service.make(new BriefingRequest("ws", "me", Role.MEMBER, DAY, BERLIN, NOW, 3));
    }

    private static BriefingItem.Meeting meeting(String id, int h1, int m1, int h2, int m2, boolean conflict) {
        return new BriefingItem.Meeting(
                id, "Meeting " + id, at(h1, m1), at(h2, m2), false, "Work", null, true, conflict, "/calendar#" + id);
    }

    private static BriefingItem.DueTask task(String id, Instant due, boolean overdue) {
        return new BriefingItem.DueTask(id, "Task " + id, due, false, overdue, "none", "atom", "/tasks#task-" + id);
    }

    @Test
    void kindsWithoutASourceAreNotAvailableAndEmpty() {
        Briefing b = briefing(new Fixed(SectionKind.TASKS, List.of()));
        assertThat(b.status(SectionKind.MEETINGS).available()).isFalse();
        assertThat(b.status(SectionKind.MESSAGES).available()).isFalse();
        assertThat(b.meetings()).isEmpty();
        assertThat(b.gaps()).as("no calendar, no claim of free time").isEmpty();
        assertThat(b.status(SectionKind.TASKS).available()).isTrue();
        assertThat(b.summary().text()).isEqualTo("Nothing needs you.");
        assertThat(b.summary().source()).isEqualTo("offline");
    }

    @Test
    void meetingsAreOrderedWithTheirConflictsAndTheFreeGapsBetweenThem() {
        Briefing b = briefing(new Fixed(
                SectionKind.MEETINGS,
                List.of(
                        meeting("c", 14, 0, 15, 0, false),
                        meeting("a", 9, 30, 10, 30, true),
                        meeting("b", 10, 0, 11, 0, true))));
        assertThat(b.meetings()).extracting(BriefingItem.Meeting::id).containsExactly("a", "b", "c");
        assertThat(b.gaps())
                .extracting(Briefing.Gap::start, Briefing.Gap::end, Briefing.Gap::minutes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(at(9, 0), at(9, 30), 30L),
                        org.assertj.core.groups.Tuple.tuple(at(11, 0), at(14, 0), 180L),
                        org.assertj.core.groups.Tuple.tuple(at(15, 0), at(18, 0), 180L));
        assertThat(b.summary().text()).isEqualTo("3 meetings, first at 09:30 (2 conflicts).");
    }

    @Test
    void aShortStretchIsNoGapAndAnAllDayEventLeavesTheDayFree() {
        var allDay = new BriefingItem.Meeting(
                "h",
                "Holiday",
                DAY.atStartOfDay(BERLIN).toInstant(),
                at(23, 59),
                true,
                "Work",
                null,
                true,
                false,
                "/calendar#h");
        Briefing b = briefing(new Fixed(SectionKind.MEETINGS, List.of(allDay, meeting("x", 9, 20, 17, 40, false))));
        assertThat(b.gaps()).as("09:00-09:20 and 17:40-18:00 are too short").isEmpty();
        Briefing free = briefing(new Fixed(SectionKind.MEETINGS, List.of(allDay)));
        assertThat(free.gaps()).extracting(Briefing.Gap::minutes).containsExactly(540L);
    }

    @Test
    void aFailingSourceShowsItsErrorOnlyInItsOwnSection() {
        Briefing b = briefing(
                new Failing(SectionKind.MEETINGS), new Fixed(SectionKind.TASKS, List.of(task("t", at(7, 0), true))));
        assertThat(b.status(SectionKind.MEETINGS).available()).isTrue();
        assertThat(b.status(SectionKind.MEETINGS).error()).isEqualTo("Meetings could not be loaded right now");
        assertThat(b.meetings()).isEmpty();
        assertThat(b.gaps()).isEmpty();
        assertThat(b.tasks()).hasSize(1);
        assertThat(b.summary().text()).isEqualTo("1 task overdue; meetings could not be loaded.");
    }

    @Test
    void aSourceAnsweringAnotherKindsItemsIsAnErrorNotAMixUp() {
        Briefing b = briefing(new Fixed(SectionKind.MESSAGES, List.of(task("t", at(7, 0), true))));
        assertThat(b.status(SectionKind.MESSAGES).error()).isNotNull();
        assertThat(b.messages()).isEmpty();
        assertThat(b.tasks()).isEmpty();
    }

    @Test
    void severalSourcesOfOneKindAreMergedOrderedAndCutToTheLimit() {
        Briefing b = briefing(
                new Fixed(SectionKind.TASKS, List.of(task("late", at(16, 0), false), task("old", at(6, 0), true))),
                new Fixed(SectionKind.TASKS, List.of(task("mid", at(12, 0), false), task("first", at(5, 0), true))));
        assertThat(b.tasks()).extracting(BriefingItem.DueTask::id).containsExactly("first", "old", "mid");
        assertThat(b.status(SectionKind.TASKS).count()).isEqualTo(3);
    }

    @Test
    void theOfflineSummaryCountsEverySection() {
        Briefing b = briefing(
                new Fixed(SectionKind.MEETINGS, List.of()),
                new Fixed(SectionKind.TASKS, List.of(task("a", at(6, 0), true), task("b", at(17, 0), false))),
                new Fixed(
                        SectionKind.MESSAGES,
                        List.of(new BriefingItem.Message(
                                "m", "Ann", "Contract", null, "gmail", List.of("direct"), at(7, 0), "/inbox/m"))),
                new Fixed(
                        SectionKind.APPROVALS,
                        List.of(new BriefingItem.Approval(
                                "r/s", "r", "s", "w", "Pay", "Pay 120?", at(7, 0), "/approvals"))),
                new Fixed(
                        SectionKind.FAILED_RUNS,
                        List.of(
                                new BriefingItem.FailedRun("r1", "w", "Sync", "boom", at(6, 0), "/runs/r1"),
                                new BriefingItem.FailedRun("r2", "w", "Sync", "boom", at(7, 0), "/runs/r2"))),
                new Fixed(
                        SectionKind.CONNECTIONS,
                        List.of(new BriefingItem.Reconnect("c", "Work mail", "Gmail", null, "/connections"))));
        assertThat(b.summary().text())
                .isEqualTo(
                        "No meetings; 1 task overdue; 1 task due today; 1 important unread message;"
                                + " 1 approval waiting for you; 2 failed runs since yesterday; 1 connection needs reconnecting.");
        assertThat(b.failedRuns()).extracting(BriefingItem.FailedRun::id).containsExactly("r2", "r1");
    }

    @Test
    void eventsMarkedFreeLeaveTheirTimeFree() {
        var free = new BriefingItem.Meeting(
                "f", "Focus (free)", at(9, 0), at(18, 0), false, "Work", null, false, false, "/calendar#f");
        Briefing b = briefing(new Fixed(SectionKind.MEETINGS, List.of(free, meeting("m", 12, 0, 13, 0, false))));
        assertThat(b.gaps()).extracting(Briefing.Gap::minutes).containsExactly(180L, 300L);
    }

    private record NotForThisViewer(SectionKind kind) implements BriefingSection {
        @Override
        public boolean available(BriefingRequest request) {
            return false;
        }

        @Override
        public List<? extends BriefingItem> items(BriefingRequest request) {
            throw new AssertionError("not asked when not available");
        }
    }

    @Test
    void aSourceNotAvailableToTheViewerLeavesItsKindNotAvailable() {
        Briefing b = briefing(new NotForThisViewer(SectionKind.MESSAGES));
        assertThat(b.status(SectionKind.MESSAGES).available()).isFalse();
        assertThat(b.summary().text()).isEqualTo("Nothing needs you.");
    }

    @Test
    void aFailingSourceDoesNotHideWhatTheOtherSourcesOfItsKindAnswered() {
        Briefing b = briefing(
                new Failing(SectionKind.TASKS), new Fixed(SectionKind.TASKS, List.of(task("t", at(7, 0), true))));
        assertThat(b.tasks()).extracting(BriefingItem.DueTask::id).containsExactly("t");
        assertThat(b.status(SectionKind.TASKS).error()).isEqualTo("Tasks due could not be loaded right now");
        assertThat(b.summary().text()).isEqualTo("1 task overdue; tasks due could not be loaded.");
    }

    @Test
    void theTextFormsKeepTitlesFromBreakingTheirLinks() {
        var odd = new BriefingItem.DueTask(
                "x", "Pay A&B <today> | [now] *", at(7, 0), false, true, "none", "atom", "/tasks#task-x");
        Briefing b = briefing(new Fixed(SectionKind.TASKS, List.of(odd)));
        assertThat(BriefingText.slack(b, l -> "https://atom.example" + l))
                .contains(
                        "- <https://atom.example/tasks#task-x|Pay A&amp;B &lt;today&gt; ¦ [now] * — overdue since 7 Dec"
                                + " 07:00>\n");
        assertThat(BriefingText.markdown(b, l -> "https://atom.example" + l))
                .contains(
                        "- [Pay A&B \\<today> | \\[now\\] \\* — overdue since 7 Dec 07:00](https://atom.example/tasks#task-x)");
        assertThat(BriefingText.plain(b, l -> "https://atom.example" + l))
                .contains(
                        "- Pay A&B <today> | [now] * — overdue since 7 Dec 07:00\n  https://atom.example/tasks#task-x\n");
    }
}
