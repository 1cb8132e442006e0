package dev.atom.workspace.calendar;

import dev.atom.connectors.SyncedEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** The calendar API's JSON shapes. */
final class CalendarJson {
    private CalendarJson() {}

    record Calendar(String id, String name, String color, String connection) {
        static Calendar of(CalendarRef c) {
            return new Calendar(c.id(), c.name(), c.color(), c.connection());
        }
    }

    /**
     * An occurrence: timed events' start/end are ISO-8601 with the offset of the asked zone; all-day ones are dates
     * (end exclusive). {@code conflict} marks a busy event that overlaps another busy one.
     */
    record Event(
            String id,
            Calendar calendar,
            String title,
            String start,
            String end,
            boolean allDay,
            String timeZone,
            String location,
            List<SyncedEvent.Attendee> attendees,
            boolean recurring,
            boolean busy,
            String link,
            boolean conflict) {

        static Event of(Occurrence o, ZoneId zone, Set<String> conflicting) {
            return new Event(
                    o.id(),
                    Calendar.of(o.calendar()),
                    o.title() == null ? "(no title)" : o.title(),
                    o.allDay() ? o.startDate().toString() : time(o.start(), zone),
                    o.allDay() ? o.endDate().toString() : time(o.end(), zone),
                    o.allDay(),
                    o.timeZone(),
                    o.location(),
                    o.attendees(),
                    o.recurring(),
                    o.busy(),
                    o.link(),
                    conflicting.contains(o.id()));
        }
    }

    record Skipped(String id, String title, String reason) {}

    record Events(List<Event> events, List<Skipped> skipped) {}

    record Conflict(String start, String end, List<Event> events) {}

    record Conflicts(List<Conflict> conflicts) {}

    record Slot(String start, String end) {}

    record FindTime(List<Slot> slots, List<FindTimeService.AttendeeSource> attendees) {}

    record Created(Event event, List<Event> conflicts) {}

    record Calendars(List<Calendar> calendars, boolean shareFreeBusy) {}

    static String time(Instant i, ZoneId zone) {
        return i.atZone(zone).toOffsetDateTime().toString();
    }
}
