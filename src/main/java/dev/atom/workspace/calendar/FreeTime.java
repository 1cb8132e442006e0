package dev.atom.workspace.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Interval arithmetic for find-a-time: busy intervals merged, the candidate windows (all of [from, to), or the
 * working hours of each day in the asker's zone) minus the busy ones widened by the buffer, cut into back-to-back
 * slots of the asked length. Stateless.
 */
final class FreeTime {
    static final int MAX_SLOTS = 500;

    private FreeTime() {}

    record Interval(Instant start, Instant end) {}

    /** Working hours: {@code days} are ISO day numbers (1 Monday .. 7 Sunday). */
    record WorkingHours(LocalTime start, LocalTime end, Set<Integer> days) {}

    static List<Interval> slots(
            Instant from,
            Instant to,
            ZoneId zone,
            Duration length,
            Duration buffer,
            WorkingHours hours,
            List<Interval> busy) {
        List<Interval> free = minus(windows(from, to, zone, hours), merge(widened(busy, buffer)));
        List<Interval> slots = new ArrayList<>();
        for (Interval w : free) {
            Instant s = w.start();
            while (!s.plus(length).isAfter(w.end()) && slots.size() < MAX_SLOTS) {
                slots.add(new Interval(s, s.plus(length)));
                s = s.plus(length);
            }
        }
        return slots;
    }

    static List<Interval> windows(Instant from, Instant to, ZoneId zone, WorkingHours hours) {
        if (hours == null) {
            return List.of(new Interval(from, to));
        }
        List<Interval> out = new ArrayList<>();
        LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (!hours.days().contains(day.getDayOfWeek().getValue())) {
                continue;
            }
            Instant s = day.atTime(hours.start()).atZone(zone).toInstant();
            Instant e = day.atTime(hours.end()).atZone(zone).toInstant();
            s = s.isBefore(from) ? from : s;
            e = e.isAfter(to) ? to : e;
            if (s.isBefore(e)) {
                out.add(new Interval(s, e));
            }
        }
        return out;
    }

    static List<Interval> merge(List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparing(Interval::start));
        List<Interval> merged = new ArrayList<>();
        for (Interval i : sorted) {
            if (!merged.isEmpty() && !i.start().isAfter(merged.getLast().end())) {
                Interval last = merged.removeLast();
                merged.add(new Interval(last.start(), i.end().isAfter(last.end()) ? i.end() : last.end()));
            } else {
                merged.add(i);
            }
        }
        return merged;
    }

    private static List<Interval> widened(List<Interval> busy, Duration buffer) {
        return busy.stream()
                .map(b -> new Interval(b.start().minus(buffer), b.end().plus(buffer)))
                .toList();
    }

    /** {@code windows} (sorted, disjoint) minus {@code busy} (sorted, merged). */
    static List<Interval> minus(List<Interval> windows, List<Interval> busy) {
        List<Interval> out = new ArrayList<>();
        int b = 0;
        for (Interval w : windows) {
            Instant cursor = w.start();
            while (b < busy.size() && !busy.get(b).end().isAfter(w.start())) {
                b++;
            }
            int i = b;
            while (i < busy.size() && busy.get(i).start().isBefore(w.end())) {
                Interval x = busy.get(i);
                if (x.start().isAfter(cursor)) {
                    out.add(new Interval(cursor, x.start()));
                }
                if (x.end().isAfter(cursor)) {
                    cursor = x.end();
                }
                i++;
            }
            if (cursor.isBefore(w.end())) {
                out.add(new Interval(cursor, w.end()));
            }
        }
        return out;
    }

    static DayOfWeek day(int iso) {
        return DayOfWeek.of(iso);
    }
}
