package dev.atom.workspace.calendar;

import dev.atom.connectors.SyncedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Turns stored rows into the occurrences of a range: series expanded in their own zone (overridden and cancelled
 * occurrences replaced by their rows), all-day events placed on their days in the viewer's zone, local events
 * added. A series that cannot be expanded is skipped and reported, never failing the read. Thread-safe.
 */
@Component
class EventReader {
    private static final DateTimeFormatter OCCURRENCE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private final EventRepository events;
    private final LocalEventRepository local;

    EventReader(EventRepository events, LocalEventRepository local) {
        this.events = events;
        this.local = local;
    }

    /** A row that was not shown and why. */
    record Skipped(String id, String title, String reason) {}

    record Result(List<Occurrence> occurrences, List<Skipped> skipped) {}

    /** What the viewer sees in [from, to): their visible synced calendars and their local events. */
    Result read(String workspaceId, String viewerId, Instant from, Instant to, ZoneId zone) {
        return read(workspaceId, EventRepository.Reader.viewer(viewerId), viewerId, from, to, zone);
    }

    /**
     * The occurrences of rows {@code reader} selects, plus the local events of {@code localOwner} (may be null).
     */
    Result read(
            String workspaceId,
            EventRepository.Reader reader,
            String localOwner,
            Instant from,
            Instant to,
            ZoneId zone) {
        return read(workspaceId, reader, localOwner == null ? List.of() : List.of(localOwner), from, to, zone);
    }

    /**
     * Busy times in [from, to) of every calendar the owners connected (private ones too: only times leave here)
     * and of their local events, read in two queries whatever the number of owners (find-time).
     */
    List<FreeTime.Interval> busy(
            String workspaceId, String viewerId, List<String> owners, Instant from, Instant to, ZoneId zone) {
        if (owners.isEmpty()) {
            return List.of();
        }
        return read(workspaceId, new EventRepository.Reader(viewerId, owners, true), owners, from, to, zone)
                .occurrences()
                .stream()
                .filter(Occurrence::busy)
                .map(o -> new FreeTime.Interval(o.start(), o.end()))
                .toList();
    }

    private Result read(
            String workspaceId,
            EventRepository.Reader reader,
            List<String> localOwners,
            Instant from,
            Instant to,
            ZoneId zone) {
        List<EventRow> rows = events.inRange(workspaceId, reader, from, to);
        Map<String, Set<Instant>> replaced = new HashMap<>();
        for (EventRow r : rows) {
            SyncedEvent e = r.event();
            if (e.seriesId() != null && e.originalStart() != null) {
                replaced.computeIfAbsent(seriesKey(r, e.seriesId()), k -> new HashSet<>())
                        .add(e.originalStart());
            }
        }
        List<Occurrence> out = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (EventRow r : rows) {
            SyncedEvent e = r.event();
            if (r.problem() != null) {
                skipped.add(new Skipped(r.id(), e.title(), r.problem()));
                continue;
            }
            if (e.cancelled()) {
                continue;
            }
            CalendarRef calendar = new CalendarRef(
                    CalendarRef.id(r.connectionId(), e.calendarId()),
                    e.calendarName() == null ? e.calendarId() : e.calendarName(),
                    e.calendarColor(),
                    r.connectionId(),
                    null);
            if (!r.isSeries()) {
                Occurrence o =
                        occurrence(r.id(), r.id(), calendar, e, e.start(), e.end(), e.startDate(), e.endDate(), zone);
                if (o.overlaps(from, to)) {
                    out.add(o);
                }
                continue;
            }
            Set<Instant> gone = replaced.getOrDefault(seriesKey(r, e.externalId()), Set.of());
            try {
                Temporal start = e.allDay() && e.startDate() != null ? e.startDate() : e.start();
                Temporal end = e.allDay() && e.endDate() != null ? e.endDate() : e.end();
                for (var p : Recurrences.expand(start, end, e.timeZone(), e.recurrence(), from, to)) {
                    Instant original = p.startInstant(ZoneOffset.UTC);
                    if (gone.contains(original)) {
                        continue;
                    }
                    Occurrence o = p.start() instanceof LocalDate d
                            ? occurrence(
                                    r.id() + "_" + d.format(DateTimeFormatter.BASIC_ISO_DATE),
                                    r.id(),
                                    calendar,
                                    e,
                                    original,
                                    p.endInstant(ZoneOffset.UTC),
                                    d,
                                    (LocalDate) p.end(),
                                    zone)
                            : occurrence(
                                    r.id() + "_" + OCCURRENCE.format(original),
                                    r.id(),
                                    calendar,
                                    e,
                                    original,
                                    ((ZonedDateTime) p.end()).toInstant(),
                                    null,
                                    null,
                                    zone);
                    if (o.overlaps(from, to)) {
                        out.add(o);
                    }
                }
            } catch (Recurrences.BrokenRecurrence broken) {
                skipped.add(new Skipped(r.id(), e.title(), broken.getMessage()));
            }
        }
        if (!localOwners.isEmpty()) {
            for (LocalEvent l : local.inRange(workspaceId, localOwners, from, to)) {
                Occurrence o = local(l, zone);
                if (o.overlaps(from, to)) {
                    out.add(o);
                }
            }
        }
        out.sort(Comparator.comparing(Occurrence::start).thenComparing(Occurrence::id));
        return new Result(out, skipped);
    }

    static Occurrence local(LocalEvent l, ZoneId zone) {
        LocalDate startDate = l.allDay() ? l.start().atZone(ZoneOffset.UTC).toLocalDate() : null;
        LocalDate endDate = l.allDay() ? l.end().atZone(ZoneOffset.UTC).toLocalDate() : null;
        return new Occurrence(
                l.id(),
                l.id(),
                CalendarRef.LOCAL_CALENDAR,
                l.title(),
                l.description(),
                l.allDay() ? startDate.atStartOfDay(zone).toInstant() : l.start(),
                l.allDay() ? endDate.atStartOfDay(zone).toInstant() : l.end(),
                l.allDay(),
                startDate,
                endDate,
                l.timeZone(),
                l.location(),
                l.attendees().stream()
                        .map(a -> new SyncedEvent.Attendee(a, null, null))
                        .toList(),
                false,
                l.busy(),
                EventSearch.link(l.id(), l.start()));
    }

    private static Occurrence occurrence(
            String id,
            String rowId,
            CalendarRef calendar,
            SyncedEvent e,
            Instant start,
            Instant end,
            LocalDate startDate,
            LocalDate endDate,
            ZoneId zone) {
        boolean allDay = e.allDay() && (startDate != null || e.startDate() != null);
        LocalDate sd = startDate != null ? startDate : e.startDate();
        LocalDate ed = endDate != null ? endDate : e.endDate();
        if (allDay && ed == null) {
            ed = sd.plusDays(1);
        }
        return new Occurrence(
                id,
                rowId,
                calendar,
                e.title(),
                e.description(),
                allDay ? sd.atStartOfDay(zone).toInstant() : start,
                allDay ? ed.atStartOfDay(zone).toInstant() : end,
                allDay,
                allDay ? sd : null,
                allDay ? ed : null,
                e.timeZone(),
                e.location(),
                e.attendees(),
                !e.recurrence().isEmpty() || e.seriesId() != null,
                e.busy(),
                e.link());
    }

    private static String seriesKey(EventRow r, String seriesExternalId) {
        return r.connectionId() + "\n" + r.feedId() + "\n" + seriesExternalId;
    }
}
