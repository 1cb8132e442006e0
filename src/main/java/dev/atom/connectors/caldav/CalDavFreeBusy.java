package dev.atom.connectors.caldav;

import dev.atom.connectors.Schema;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import org.jspecify.annotations.Nullable;

/**
 * caldav.free_busy: the server's free-busy-query REPORT (RFC 4791 7.10) when it answers one, else the busy
 * times computed here from the events (opaque, not cancelled), and the output says which. Stateless.
 */
final class CalDavFreeBusy {
    private CalDavFreeBusy() {}

    @Schema(description = "Which calendar and time range")
    record Input(
            @Schema(description = "The calendar's URL (from caldav.list_calendars)")
            String calendar,

            @Schema(description = "Start of the range (ISO-8601 with offset, or local with timeZone)")
            String start,

            @Schema(description = "End of the range (exclusive)")
            String end,

            @Schema(description = "An IANA time zone for local times and the output", examples = "\"Europe/Berlin\"")
            @Nullable
            String timeZone) {}

    record Busy(
            @Schema(description = "Start, ISO-8601 with offset")
            String start,

            @Schema(description = "End (exclusive)") String end,

            @Schema(description = "BUSY, BUSY-TENTATIVE or BUSY-UNAVAILABLE")
            String type) {}

    record Output(
            @Schema(description = "The busy intervals, by start, overlapping ones merged")
            List<Busy> busy,

            @Schema(
                    description = "server (its free-busy report) or computed (from the events, because the server"
                            + " refused or does not support the report)")
            String source,

            @Schema(description = "Why the busy times were computed, when they were") @Nullable
            String note) {}

    private record Interval(Instant start, Instant end, String type) {}

    static Output query(DavClient dav, URI calendar, Instant from, Instant to, ZoneId zone) {
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<c:free-busy-query xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><c:time-range start=\""
                + Times.utc(from) + "\" end=\"" + Times.utc(to) + "\"/></c:free-busy-query>";
        var response = dav.report(calendar, 1, body, "calendar");
        int status = response.status();
        String type = response.header("content-type");
        if (status == 401 || status == 429 || status >= 500) {
            dav.checked(response);
        }
        if (status == 200 && type != null && type.toLowerCase(Locale.ROOT).startsWith("text/calendar")) {
            List<Interval> busy = new ArrayList<>();
            var ics = ICal.parse(new String(response.body(), StandardCharsets.UTF_8));
            for (Component fb : ics.getComponents(Component.VFREEBUSY)) {
                for (Property p : fb.getProperties(Property.FREEBUSY)) {
                    String fbType =
                            p.getParameter("FBTYPE").map(x -> x.getValue()).orElse("BUSY");
                    if (fbType.equalsIgnoreCase("FREE")) {
                        continue;
                    }
                    for (String period : p.getValue().split(",")) {
                        Period<?> parsed = Period.parse(period.strip());
                        busy.add(new Interval(
                                Times.instant(parsed.getStart(), null),
                                Times.instant(parsed.getEnd(), null),
                                fbType.toUpperCase(Locale.ROOT)));
                    }
                }
            }
            return new Output(merge(busy, zone), "server", null);
        }
        List<Interval> busy = new ArrayList<>();
        for (var e : CalDavEvents.list(dav, calendar, from, to, zone).events()) {
            if (e.transparent() || "CANCELLED".equalsIgnoreCase(e.status())) {
                continue;
            }
            Instant s = Times.instant(Times.parse(e.start(), zone, "start"), zone);
            Instant en = Times.instant(Times.parse(e.end(), zone, "end"), zone);
            String t = "TENTATIVE".equalsIgnoreCase(e.status()) ? "BUSY-TENTATIVE" : "BUSY";
            busy.add(new Interval(s.isBefore(from) ? from : s, en.isAfter(to) ? to : en, t));
        }
        return new Output(
                merge(busy, zone),
                "computed",
                "the server answered the free-busy report with HTTP " + status + "; computed from the events");
    }

    /** Sorted, overlapping intervals of one type merged (a BUSY one absorbs a tentative one it covers). */
    private static List<Busy> merge(List<Interval> intervals, ZoneId zone) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparing(Interval::start));
        List<Interval> merged = new ArrayList<>();
        for (Interval i : sorted) {
            Interval last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && !i.start().isAfter(last.end()) && last.type().equals(i.type())) {
                merged.set(
                        merged.size() - 1,
                        new Interval(last.start(), i.end().isAfter(last.end()) ? i.end() : last.end(), last.type()));
            } else {
                merged.add(i);
            }
        }
        return merged.stream()
                .map(i -> new Busy(Times.show(i.start(), zone), Times.show(i.end(), zone), i.type()))
                .toList();
    }
}
