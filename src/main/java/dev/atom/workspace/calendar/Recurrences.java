package dev.atom.workspace.calendar;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * Expands a series master (RRULE, EXDATE, RDATE lines as RFC 5545 writes them) into its occurrences with ical4j,
 * in the zone the event was written in, so a 09:00 meeting stays at 09:00 across daylight-saving changes. Parsed
 * series, and their occurrences per fixed 32-day window, are kept in bounded maps keyed by their content (reads
 * repeat the same series and the same weeks). Thread-safe.
 */
final class Recurrences {
    static final int MAX_OCCURRENCES = 2000;
    private static final int MAX_CACHED = 20_000;
    private static final TimeZoneRegistry ZONES =
            TimeZoneRegistryFactory.getInstance().createRegistry();
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Map<String, VEvent> PARSED = new ConcurrentHashMap<>();
    private static final long WINDOW_SECONDS = 32L * 86_400;
    private static final int MAX_WINDOWS_PER_READ = 16;
    // bounded by occurrences held, not windows (an hourly series fills a window with ~770): ~20 MB at most
    private static final int MAX_CACHED_OCCURRENCES = 100_000;
    private static final AtomicInteger CACHED_OCCURRENCES = new AtomicInteger();
    private static final Map<String, List<Occurrence>> WINDOWS = new ConcurrentHashMap<>();

    private Recurrences() {}

    /** One occurrence: a LocalDate pair for all-day events, else ZonedDateTimes. */
    record Occurrence(Temporal start, Temporal end) {
        Instant startInstant(ZoneId viewer) {
            return instant(start, viewer);
        }

        Instant endInstant(ZoneId viewer) {
            return instant(end, viewer);
        }
    }

    /** The recurrence lines cannot be read (a broken RRULE): the series is skipped with this reason. */
    static final class BrokenRecurrence extends RuntimeException {
        BrokenRecurrence(String message) {
            super(message, null, false, false);
        }
    }

    static Instant instant(Temporal t, ZoneId viewer) {
        return switch (t) {
            case LocalDate d ->
                d.atStartOfDay(viewer == null ? ZoneOffset.UTC : viewer).toInstant();
            case ZonedDateTime z -> z.toInstant();
            case Instant i -> i;
            default -> Instant.from(t);
        };
    }

    /**
     * The occurrences starting before {@code to} and ending after {@code from} (all-day ones with a day's margin;
     * the caller places them in the viewer's zone), at most {@link #MAX_OCCURRENCES}.
     */
    static List<Occurrence> expand(
            Temporal start, Temporal end, String timeZone, List<String> recurrence, Instant from, Instant to) {
        String key = key(start, end, timeZone, recurrence);
        VEvent event = PARSED.get(key);
        if (event == null) {
            event = parse(start, end, timeZone, recurrence);
            if (PARSED.size() > MAX_CACHED) {
                PARSED.clear();
            }
            PARSED.put(key, event);
        }
        Instant wideFrom = from.minusSeconds(86_400 * 2);
        Instant wideTo = to.plusSeconds(86_400 * 2);
        long first = Math.floorDiv(wideFrom.getEpochSecond(), WINDOW_SECONDS);
        long last = Math.floorDiv(wideTo.getEpochSecond(), WINDOW_SECONDS);
        if (last - first >= MAX_WINDOWS_PER_READ) {
            return expand(event, wideFrom, wideTo);
        }
        // an occurrence at or across a window boundary is in both windows: the set keeps the first
        Set<Occurrence> out = new LinkedHashSet<>();
        for (long w = first; w <= last; w++) {
            List<Occurrence> window = window(key, event, w);
            if (window == null) { // too many to keep: this read expands its own range
                return expand(event, wideFrom, wideTo);
            }
            for (Occurrence o : window) {
                if (overlaps(o, wideFrom, wideTo) && out.size() < MAX_OCCURRENCES) {
                    out.add(o);
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The occurrences of one fixed 32-day window of a series, kept by the series' content (so an edited series is
     * a new key) and the window: reads of a week or a month repeat the same windows, and ical4j walks a series
     * from its DTSTART on every expansion. Null when the window holds more than a read may return.
     */
    private static List<Occurrence> window(String key, VEvent event, long window) {
        String windowKey = window + "|" + key;
        List<Occurrence> cached = WINDOWS.get(windowKey);
        if (cached != null) {
            return cached;
        }
        Instant start = Instant.ofEpochSecond(window * WINDOW_SECONDS);
        List<Occurrence> found = expand(event, start, start.plusSeconds(WINDOW_SECONDS));
        if (found.size() >= MAX_OCCURRENCES) {
            return null;
        }
        if (CACHED_OCCURRENCES.addAndGet(found.size() + 1) > MAX_CACHED_OCCURRENCES) {
            WINDOWS.clear();
            CACHED_OCCURRENCES.set(found.size() + 1);
        }
        WINDOWS.put(windowKey, List.copyOf(found));
        return found;
    }

    /** Whether an occurrence overlaps [from, to] as ical4j's recurrence set counts it (both ends included). */
    private static boolean overlaps(Occurrence o, Instant from, Instant to) {
        Instant s = o.startInstant(ZoneOffset.UTC);
        Instant e = o.endInstant(ZoneOffset.UTC);
        return !s.isAfter(to) && !e.isBefore(from);
    }

    private static List<Occurrence> expand(VEvent event, Instant from, Instant to) {
        List<Occurrence> out = new ArrayList<>();
        try {
            var periods =
                    event.calculateRecurrenceSet(new Period<>(from.atZone(ZoneOffset.UTC), to.atZone(ZoneOffset.UTC)));
            periods.stream().sorted().forEach(p -> {
                if (out.size() < MAX_OCCURRENCES) {
                    out.add(new Occurrence(normal(p.getStart()), normal(p.getEnd())));
                }
            });
        } catch (RuntimeException e) {
            throw new BrokenRecurrence("the recurrence cannot be expanded: " + e.getMessage());
        }
        return out;
    }

    /** {@link #expand} without the window cache: what the cache must equal (tests compare them). */
    static List<Occurrence> expandWhole(
            Temporal start, Temporal end, String timeZone, List<String> recurrence, Instant from, Instant to) {
        return expand(
                parse(start, end, timeZone, recurrence), from.minusSeconds(86_400 * 2), to.plusSeconds(86_400 * 2));
    }

    /** Checks that a series can be expanded; the reason when it cannot, else null. */
    static String problem(Temporal start, Temporal end, String timeZone, List<String> recurrence) {
        try {
            Instant s = instant(start, ZoneOffset.UTC);
            expand(start, end, timeZone, recurrence, s, s.plusSeconds(86_400 * 400));
            return null;
        } catch (BrokenRecurrence e) {
            return e.getMessage();
        }
    }

    private static Temporal normal(Temporal t) {
        return switch (t) {
            case LocalDate d -> d;
            case ZonedDateTime z -> z;
            case java.time.OffsetDateTime o -> o.toZonedDateTime();
            case Instant i -> i.atZone(ZoneOffset.UTC);
            case java.time.LocalDateTime l -> l.atZone(ZoneOffset.UTC);
            default -> t;
        };
    }

    private static String key(Temporal start, Temporal end, String timeZone, List<String> recurrence) {
        return start + "|" + end + "|" + timeZone + "|" + String.join("\n", recurrence);
    }

    private static VEvent parse(Temporal start, Temporal end, String timeZone, List<String> recurrence) {
        StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Atom//calendar//EN\r\n"
                + "BEGIN:VEVENT\r\nUID:series\r\nDTSTAMP:20260101T000000Z\r\n");
        ics.append(line("DTSTART", start, timeZone)).append(line("DTEND", end, timeZone));
        for (String r : recurrence) {
            String l = r.strip();
            if (l.contains("\r") || l.contains("\n") || !l.matches("(?i)(RRULE|EXDATE|RDATE|EXRULE)[;:].*")) {
                throw new BrokenRecurrence("not a recurrence line: " + abbreviate(l));
            }
            ics.append(l).append("\r\n");
        }
        ics.append("END:VEVENT\r\nEND:VCALENDAR\r\n");
        try {
            Calendar calendar = new CalendarBuilder(ZONES).build(new StringReader(ics.toString()));
            VEvent event = calendar.<VEvent>getComponents(Component.VEVENT).getFirst();
            // relaxed parsing keeps an unreadable RRULE as text; reading the rule proves it
            event.getProperties("RRULE").forEach(p -> ((net.fortuna.ical4j.model.property.RRule<?>) p).getRecur());
            return event;
        } catch (Exception e) {
            throw new BrokenRecurrence("the recurrence cannot be read: " + abbreviate(String.join(" ", recurrence)));
        }
    }

    private static String line(String name, Temporal t, String timeZone) {
        if (t instanceof LocalDate d) {
            return name + ";VALUE=DATE:" + DATE.format(d) + "\r\n";
        }
        Instant i = instant(t, null);
        ZoneId zone = zone(timeZone);
        if (zone == null) {
            return name + ":" + LOCAL.format(i.atZone(ZoneOffset.UTC)) + "Z\r\n";
        }
        return name + ";TZID=" + zone.getId() + ":" + LOCAL.format(i.atZone(zone)) + "\r\n";
    }

    static ZoneId zone(String name) {
        if (name == null || name.isBlank() || name.equals("UTC") || name.equals("Z")) {
            return null;
        }
        try {
            return ZoneId.of(name);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
