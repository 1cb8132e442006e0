package dev.atom.workspace.briefing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The free stretches of a working day (09:00 to 18:00 in the briefing's zone) that the day's meetings leave,
 * {@value #MIN_MINUTES} minutes or longer: what a person can plan focused work into. Meetings that span the
 * whole working day (all-day events) are not counted as busy.
 */
final class Gaps {
    static final int MIN_MINUTES = 30;
    static final LocalTime WORK_START = LocalTime.of(9, 0);
    static final LocalTime WORK_END = LocalTime.of(18, 0);

    private Gaps() {}

    static List<Briefing.Gap> of(List<BriefingItem.Meeting> meetings, BriefingRequest request) {
        Instant dayStart =
                request.date().atTime(WORK_START).atZone(request.zone()).toInstant();
        Instant dayEnd = request.date().atTime(WORK_END).atZone(request.zone()).toInstant();
        List<BriefingItem.Meeting> busy = meetings.stream()
                .filter(BriefingItem.Meeting::busy)
                .filter(m -> m.start() != null && m.end() != null && m.end().isAfter(m.start()))
                .filter(m -> !(m.start().compareTo(dayStart) <= 0 && m.end().compareTo(dayEnd) >= 0))
                .sorted(Comparator.comparing(BriefingItem.Meeting::start))
                .toList();
        List<Briefing.Gap> gaps = new ArrayList<>();
        Instant free = dayStart;
        for (BriefingItem.Meeting m : busy) {
            if (m.start().isAfter(free)) {
                add(gaps, free, m.start().isBefore(dayEnd) ? m.start() : dayEnd);
            }
            if (m.end().isAfter(free)) {
                free = m.end();
            }
        }
        add(gaps, free, dayEnd);
        return gaps;
    }

    private static void add(List<Briefing.Gap> gaps, Instant start, Instant end) {
        long minutes = Duration.between(start, end).toMinutes();
        if (minutes >= MIN_MINUTES) {
            gaps.add(new Briefing.Gap(start, end, minutes));
        }
    }
}
