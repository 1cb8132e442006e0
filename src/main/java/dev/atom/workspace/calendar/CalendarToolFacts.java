package dev.atom.workspace.calendar;

import dev.atom.connectors.Connectors;
import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import dev.atom.workspace.tools.ToolCalls;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the calendar tools need to know about an event or calendar before they act: whether it is the caller's
 * own (the local calendar) or lives at a connected service, what it is called, and when it is, in words a person
 * checks at a glance. Reads only what the caller may see. Thread-safe.
 */
@Component
class CalendarToolFacts {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final LocalEventRepository local;
    private final EventRepository events;
    private final Connectors connectors;

    CalendarToolFacts(LocalEventRepository local, EventRepository events, Connectors connectors) {
        this.local = local;
        this.events = events;
        this.connectors = connectors;
    }

    /** An event the caller sees: its calendar's words, when, whether all-day, and its fields for re-creating it. */
    record Known(
            String id,
            boolean own,
            String where,
            String title,
            Instant start,
            Instant end,
            boolean allDay,
            LocalDate startDate,
            LocalDate endDate,
            List<String> attendees,
            String location,
            String description) {}

    Optional<Known> event(CurrentUser user, String id) {
        Optional<LocalEvent> mine = local.find(user.workspaceId(), user.userId(), id);
        if (mine.isPresent()) {
            LocalEvent e = mine.get();
            return Optional.of(new Known(
                    e.id(),
                    true,
                    "your Atom calendar",
                    e.title(),
                    e.start(),
                    e.end(),
                    e.allDay(),
                    e.allDay() ? e.start().atZone(ZoneOffset.UTC).toLocalDate() : null,
                    e.allDay() ? e.end().atZone(ZoneOffset.UTC).toLocalDate() : null,
                    e.attendees(),
                    e.location(),
                    e.description()));
        }
        return events.find(user.workspaceId(), user.userId(), id).map(row -> {
            var e = row.event();
            return new Known(
                    row.id(),
                    false,
                    where(user, e.calendarName(), row.connectionId()),
                    e.title(),
                    e.start(),
                    e.end(),
                    e.allDay(),
                    e.startDate(),
                    e.endDate(),
                    e.attendees() == null
                            ? List.of()
                            : e.attendees().stream()
                                    .map(dev.atom.connectors.SyncedEvent.Attendee::email)
                                    .toList(),
                    e.location(),
                    e.description());
        });
    }

    /** Whether the event is on the caller's local calendar (unknown ids are not: the stricter answer). */
    boolean own(String workspaceId, String userId, String id) {
        return id != null && local.find(workspaceId, userId, id).isPresent();
    }

    /** "Work calendar (Google Calendar connection “Ann's Google”)" for a calendar id the caller sees. */
    String calendar(CurrentUser user, String calendarId) {
        if (calendarId == null || calendarId.equals(CalendarRef.LOCAL)) {
            return "your Atom calendar";
        }
        CalendarRef ref = events.calendars(user.workspaceId(), user.userId()).stream()
                .filter(c -> c.id().equals(calendarId))
                .findFirst()
                .orElseThrow(() -> ApiException.invalid("calendar", "is not a calendar you can see"));
        return where(user, ref.name(), ref.connection());
    }

    private String where(CurrentUser user, String calendarName, String connectionId) {
        String connection = connectors
                .connection(new Connectors.Caller(user.workspaceId(), user.userId()), connectionId)
                .map(c -> " (" + c.connector() + " connection “" + c.name() + "”)")
                .orElse("");
        return (calendarName == null ? "a connected" : calendarName) + " calendar" + connection;
    }

    /** "Tue 3 Mar 10:00-10:45", or "Tue 3 Mar (all day)", in the caller's zone. */
    static String when(Instant start, Instant end, boolean allDay, ZoneId zone) {
        if (allDay) {
            LocalDate first = start.atZone(ZoneOffset.UTC).toLocalDate();
            LocalDate last = end.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
            return DAY.format(first) + (last.isAfter(first) ? " to " + DAY.format(last) : "") + " (all day)";
        }
        ZonedDateTime s = start.atZone(zone);
        ZonedDateTime e = end.atZone(zone);
        String until =
                s.toLocalDate().equals(e.toLocalDate()) ? CLOCK.format(e) : DAY.format(e) + " " + CLOCK.format(e);
        return DAY.format(s) + " " + CLOCK.format(s) + "-" + until;
    }

    static String invites(List<String> attendees) {
        return attendees == null || attendees.isEmpty() ? "" : ", invites " + String.join(", ", attendees);
    }

    static ZoneId zone(dev.atom.tools.ToolContext context) {
        return ToolCalls.zone(context);
    }
}
