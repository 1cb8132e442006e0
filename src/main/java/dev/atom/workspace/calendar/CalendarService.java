package dev.atom.workspace.calendar;

import dev.atom.identity.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Reading the calendar: a viewer's events in a range merged across visible calendars and the local one, the
 * calendars they can toggle, conflicts (overlapping busy timed events) and the day's agenda for the briefing.
 * Thread-safe.
 */
@Service
public class CalendarService {
    private final EventReader reader;
    private final EventRepository events;
    private final CalendarSettingsRepository settings;
    private final Clock clock;

    CalendarService(EventReader reader, EventRepository events, CalendarSettingsRepository settings, Clock clock) {
        this.reader = reader;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /** Two or more busy events that overlap, and when. */
    record Conflict(Instant start, Instant end, List<Occurrence> events) {}

    /** The viewer's occurrences in [from, to) of the given calendars (all when empty), and rows skipped. */
    EventReader.Result events(CurrentUser user, Instant from, Instant to, ZoneId zone, Set<String> calendars) {
        EventReader.Result all = reader.read(user.workspaceId(), user.userId(), from, to, zone);
        if (calendars.isEmpty()) {
            return all;
        }
        return new EventReader.Result(
                all.occurrences().stream()
                        .filter(o -> calendars.contains(o.calendar().id()))
                        .toList(),
                all.skipped());
    }

    /** The calendars the viewer sees: the local one first, then synced ones by name. */
    List<CalendarRef> calendars(CurrentUser user) {
        List<CalendarRef> out = new ArrayList<>();
        out.add(CalendarRef.LOCAL_CALENDAR);
        out.addAll(events.calendars(user.workspaceId(), user.userId()));
        return out;
    }

    boolean sharesFreeBusy(CurrentUser user) {
        return settings.sharesFreeBusy(user.workspaceId(), user.userId());
    }

    void setSharesFreeBusy(CurrentUser user, boolean share) {
        settings.setSharesFreeBusy(user.workspaceId(), user.userId(), share, clock.instant());
    }

    /** Overlapping busy timed events among {@code occurrences} (all-day events do not conflict). */
    static List<Conflict> conflicts(List<Occurrence> occurrences) {
        List<Occurrence> busy = occurrences.stream()
                .filter(o -> o.busy() && !o.allDay() && o.end().isAfter(o.start()))
                .sorted(Comparator.comparing(Occurrence::start))
                .toList();
        List<Conflict> out = new ArrayList<>();
        List<Occurrence> group = new ArrayList<>();
        Instant groupEnd = null;
        for (Occurrence o : busy) {
            if (groupEnd != null && o.start().isBefore(groupEnd)) {
                group.add(o);
                groupEnd = o.end().isAfter(groupEnd) ? o.end() : groupEnd;
            } else {
                flush(group, out);
                group = new ArrayList<>(List.of(o));
                groupEnd = o.end();
            }
        }
        flush(group, out);
        return out;
    }

    private static void flush(List<Occurrence> group, List<Conflict> out) {
        if (group.size() < 2) {
            return;
        }
        // the overlapping part: from the second start to the earliest end after it
        Instant start = group.get(1).start();
        Instant end = group.stream()
                .map(Occurrence::end)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        for (Occurrence o : group) {
            if (o.end().isAfter(start) && o.end().isBefore(end)) {
                end = o.end();
            }
        }
        out.add(new Conflict(start, end, List.copyOf(group)));
    }

    /** The ids of occurrences that take part in a conflict. */
    static Set<String> conflicting(List<Occurrence> occurrences) {
        Map<String, Boolean> ids = new LinkedHashMap<>();
        conflicts(occurrences).forEach(c -> c.events().forEach(o -> ids.put(o.id(), true)));
        return ids.keySet();
    }

    /** A meeting of the day, as the daily briefing lists it. */
    public record AgendaItem(
            String id,
            String title,
            Instant start,
            Instant end,
            boolean allDay,
            String calendar,
            String location,
            String link,
            boolean busy,
            boolean conflict) {}

    /** The day's agenda: the viewer's events of {@code date} in {@code zone}, each marked when it conflicts. */
    public record Agenda(LocalDate date, List<AgendaItem> events, int conflicts) {}

    /**
     * Today's (or {@code date}'s) events for a viewer with conflicts marked: what the daily briefing shows. Runs
     * the same visibility rules as the calendar page.
     */
    public Agenda agenda(String workspaceId, String viewerId, LocalDate date, ZoneId zone) {
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<Occurrence> occ =
                reader.read(workspaceId, viewerId, from, to, zone).occurrences();
        Set<String> conflicting = conflicting(occ);
        List<AgendaItem> items = occ.stream()
                .map(o -> new AgendaItem(
                        o.id(),
                        o.title(),
                        o.start(),
                        o.end(),
                        o.allDay(),
                        o.calendar().name(),
                        o.location(),
                        o.link(),
                        o.busy(),
                        conflicting.contains(o.id())))
                .toList();
        return new Agenda(date, items, conflicts(occ).size());
    }
}
