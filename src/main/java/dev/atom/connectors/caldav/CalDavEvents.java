package dev.atom.connectors.caldav;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import org.jspecify.annotations.Nullable;

/** caldav.list_events: a calendar-query REPORT over a time range, recurrences expanded. Stateless. */
final class CalDavEvents {
    private CalDavEvents() {}

    @Schema(description = "Which calendar and time range")
    record ListInput(
            @Schema(description = "The calendar's URL (from caldav.list_calendars)")
            String calendar,

            @Schema(
                    description = "Start of the range: ISO-8601 with an offset, a local date-time with timeZone,"
                            + " or a date",
                    examples = "\"2026-11-24T00:00:00+01:00\"")
            String start,

            @Schema(description = "End of the range (exclusive), in the same forms")
            String end,

            @Schema(
                    description = "An IANA time zone for local times in the input and for the times in the output",
                    examples = "\"Europe/Berlin\"")
            @Nullable
            String timeZone) {}

    @Schema(description = "An event, or one occurrence of a recurring event")
    record Event(
            @Schema(description = "The iCalendar UID (the same for every occurrence)")
            String uid,

            @Schema(description = "The event's URL (give it to update or delete)")
            String href,

            @Schema(description = "The event's ETag (give it to update or delete)") @Nullable
            String etag,

            @Schema(description = "The title") @Nullable String summary,

            @Schema(description = "The description") @Nullable
            String description,

            @Schema(description = "The location") @Nullable String location,

            @Schema(description = "Start: a date for all-day events, else ISO-8601 with offset")
            String start,

            @Schema(description = "End (exclusive), in the same form")
            String end,

            @Schema(description = "Whether it lasts whole days")
            boolean allDay,

            @Schema(description = "The time zone it was written in (TZID), when it has one") @Nullable
            String timeZone,

            @Schema(description = "Whether it is an occurrence of a recurring event")
            boolean recurring,

            @Schema(description = "For an occurrence: the start that identifies it (RECURRENCE-ID)") @Nullable
            String recurrenceId,

            @Schema(description = "TENTATIVE, CONFIRMED or CANCELLED, when set") @Nullable
            String status,

            @Schema(description = "Whether it leaves the time free (TRANSP:TRANSPARENT)")
            boolean transparent) {}

    record Events(
            @Schema(description = "The events overlapping the range, by start")
            List<Event> events,

            @Schema(
                    description = "Who expanded recurring events into occurrences: server (CalDAV expand), atom"
                            + " (the server sent the rules), or none (no recurring events)")
            String expandedBy) {}

    static Events list(DavClient dav, URI calendar, Instant from, Instant to, ZoneId zone) {
        String range = "start=\"" + Times.utc(from) + "\" end=\"" + Times.utc(to) + "\"";
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
                + "<d:prop><d:getetag/><c:calendar-data><c:expand " + range + "/></c:calendar-data></d:prop>"
                + "<c:filter><c:comp-filter name=\"VCALENDAR\"><c:comp-filter name=\"VEVENT\">"
                + "<c:time-range " + range + "/></c:comp-filter></c:comp-filter></c:filter></c:calendar-query>";
        var response = dav.report(calendar, 1, body, "calendar");
        if (response.status() == 404) {
            throw new ConnectorException.NotFound("calendar", "the calendar at this URL");
        }
        dav.checked(response);
        List<Event> events = new ArrayList<>();
        String expandedBy = "none";
        for (var r : Multistatus.parse(response.body()).responses()) {
            String data = r.text(Multistatus.CALDAV, "calendar-data");
            if (r.href() == null || data == null || data.isBlank()) {
                continue;
            }
            String href = calendar.resolve(r.href()).toString();
            String etag = r.text(Multistatus.DAV, "getetag");
            var parsed = ICal.parse(data);
            boolean rules = parsed.getComponents("VEVENT").stream()
                    .anyMatch(c -> c.getProperty(Property.RRULE).isPresent());
            for (ICal.Occurrence o : ICal.occurrences(parsed, from, to)) {
                if (o.recurring()) {
                    expandedBy = rules ? "atom" : expandedBy.equals("atom") ? "atom" : "server";
                }
                events.add(event(o, href, etag, zone));
            }
        }
        events.sort(Comparator.comparing(e -> Times.instant(Times.parse(e.start(), zone, "start"), zone)));
        return new Events(events, expandedBy);
    }

    private static Event event(ICal.Occurrence o, String href, String etag, ZoneId zone) {
        var e = o.event();
        // the TZID as written (ical4j names zones from a VTIMEZONE "ical4j-local-...")
        String tzid = o.start() instanceof ZonedDateTime
                ? e.<Property>getProperty(Property.DTSTART)
                        .flatMap(p -> p.<Parameter>getParameter(Parameter.TZID))
                        .map(Parameter::getValue)
                        .orElse(null)
                : null;
        return new Event(
                ICal.text(e, Property.UID),
                href,
                etag,
                ICal.text(e, Property.SUMMARY),
                ICal.text(e, Property.DESCRIPTION),
                ICal.text(e, Property.LOCATION),
                Times.show(o.start(), zone),
                Times.show(o.end(), zone),
                o.start() instanceof LocalDate,
                tzid,
                o.recurring(),
                o.recurrenceId() == null ? null : Times.show(o.recurrenceId(), zone),
                ICal.text(e, Property.STATUS),
                "TRANSPARENT".equalsIgnoreCase(ICal.text(e, Property.TRANSP)));
    }

    /** The range [start, end) of an input, checked: end after start, at most about ten years. */
    static Instant[] range(String start, String end, ZoneId zone) {
        Temporal s = Times.parse(start, zone, "start");
        Temporal e = Times.parse(end, zone, "end");
        Instant from = Times.instant(s, zone);
        Instant to = Times.instant(e, zone);
        if (!to.isAfter(from)) {
            throw new ConnectorException.InvalidInput("end", "must be after start");
        }
        if (java.time.Duration.between(from, to).toDays() > 3660) {
            throw new ConnectorException.InvalidInput("end", "must be within ten years of start");
        }
        return new Instant[] {from, to};
    }
}
