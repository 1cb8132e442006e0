package dev.atom.connectors.caldav;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import dev.atom.shared.Ids;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.jspecify.annotations.Nullable;

/**
 * caldav.create_event, update_event and delete_event: a PUT of a whole VCALENDAR with If-None-Match: * (new)
 * or If-Match: the ETag (change), and a DELETE with If-Match, so a change made meanwhile by someone else is
 * never overwritten. Stateless.
 */
final class CalDavWrites {
    private static final String ICS = "text/calendar; charset=utf-8";

    private CalDavWrites() {}

    @Schema(description = "A new event")
    record CreateInput(
            @Schema(description = "The calendar's URL (from caldav.list_calendars)")
            String calendar,

            @Schema(description = "The title") String summary,

            @Schema(
                    description = "Start: ISO-8601 with an offset, a local date-time with timeZone, or a date"
                            + " (an all-day event)",
                    examples = "\"2026-11-24T10:00\"")
            String start,

            @Schema(description = "End (exclusive), same form; default one hour (or one day) later") @Nullable
            String end,

            @Schema(
                    description = "The IANA time zone of local times; kept in the event",
                    examples = "\"Europe/Berlin\"")
            @Nullable
            String timeZone,

            @Schema(description = "The description") @Nullable
            String description,

            @Schema(description = "The location") @Nullable String location) {}

    @Schema(description = "Changes to an event; absent fields stay as they are")
    record UpdateInput(
            @Schema(description = "The event's URL (from caldav.list_events)")
            String href,

            @Schema(description = "The ETag it had when read: the update fails if it changed since")
            String etag,

            @Schema(description = "The new title") @Nullable String summary,
            @Schema(description = "The new start") @Nullable String start,
            @Schema(description = "The new end") @Nullable String end,

            @Schema(description = "The IANA time zone of local times") @Nullable
            String timeZone,

            @Schema(description = "The new description") @Nullable
            String description,

            @Schema(description = "The new location") @Nullable
            String location) {}

    @Schema(description = "Which event to delete")
    record DeleteInput(
            @Schema(description = "The event's URL (from caldav.list_events)")
            String href,

            @Schema(description = "The ETag it had when read: nothing is deleted if it changed since")
            String etag) {}

    record Saved(
            @Schema(description = "The iCalendar UID") String uid,
            @Schema(description = "The event's URL") String href,

            @Schema(description = "Its new ETag, when the server gave one") @Nullable
            String etag) {}

    record Deleted(
            @Schema(description = "The URL of the deleted event")
            String href) {}

    static Saved create(ActionContext context, DavClient dav, URI calendar, CreateInput in) {
        ZoneId zone = Times.zone(in.timeZone(), "timeZone");
        Temporal start = Times.parse(in.start(), zone, "start");
        Temporal end = in.end() == null || in.end().isBlank()
                ? (start instanceof LocalDate d ? d.plusDays(1) : start.plus(java.time.Duration.ofHours(1)))
                : Times.parse(in.end(), zone, "end");
        if (!Times.instant(end, zone).isAfter(Times.instant(start, zone))) {
            throw new ConnectorException.InvalidInput("end", "must be after start");
        }
        // a workflow's retry carries the same key: the same UID, so If-None-Match refuses a second copy
        String uid = context.idempotencyKey()
                .map(k -> UUID.nameUUIDFromBytes(
                                ("atom:" + context.connection().id() + ":" + k).getBytes(StandardCharsets.UTF_8))
                        .toString())
                .orElseGet(Ids::newId);
        VEvent event = new VEvent(false);
        event.add(new Uid(uid));
        event.add(new DtStamp(context.clock().instant()));
        event.add(new DtStart<>(ICal.value(start)));
        event.add(new DtEnd<>(ICal.value(end)));
        event.add(new Summary(in.summary()));
        if (in.description() != null && !in.description().isBlank()) {
            event.add(new Description(in.description()));
        }
        if (in.location() != null && !in.location().isBlank()) {
            event.add(new Location(in.location()));
        }
        Calendar ics = new Calendar();
        ics.add(new ProdId("-//Atom//CalDAV connector//EN"));
        ics.add(ImmutableVersion.VERSION_2_0);
        ics.add(ImmutableCalScale.GREGORIAN);
        ICal.addZone(ics, ICal.value(start));
        ICal.addZone(ics, ICal.value(end));
        ics.add(event);
        URI href = calendar.resolve(uid + ".ics");
        var response = dav.send("PUT", href, List.of(Map.entry("If-None-Match", "*")), ics.toString(), ICS, "calendar");
        if (response.status() == 412 && context.idempotencyKey().isPresent()) {
            var existing = dav.checked(dav.send("GET", href, List.of(), null, null, "calendar"));
            return new Saved(uid, href.toString(), existing.header("etag"));
        }
        refusal(response.status(), "calendar", "the calendar at this URL");
        dav.checked(response);
        return new Saved(uid, href.toString(), response.header("etag"));
    }

    static Saved update(DavClient dav, URI href, UpdateInput in, java.time.Instant now) {
        var current = dav.send("GET", href, List.of(), null, null, "href");
        refusal(current.status(), "href", "the event at this URL");
        dav.checked(current);
        String etag = current.header("etag");
        if (etag != null && !etag.equals(in.etag())) {
            throw new ConnectorException.Permanent(412, "etag: the event changed since it was read; read it again");
        }
        Calendar ics = ICal.parse(new String(current.body(), StandardCharsets.UTF_8));
        VEvent event = ics.<VEvent>getComponents(Component.VEVENT).stream()
                .filter(e -> e.getProperty(Property.RECURRENCE_ID).isEmpty())
                .findFirst()
                .orElseThrow(() -> new ConnectorException.Permanent(0, "href: the resource holds no event"));
        ZoneId zone = Times.zone(in.timeZone(), "timeZone");
        if (in.start() != null && !in.start().isBlank()) {
            Temporal start = ICal.value(Times.parse(in.start(), zone, "start"));
            event.replace(new DtStart<>(start));
            ICal.addZone(ics, start);
        }
        if (in.end() != null && !in.end().isBlank()) {
            Temporal end = ICal.value(Times.parse(in.end(), zone, "end"));
            event.removeAll(Property.DURATION);
            event.replace(new DtEnd<>(end));
            ICal.addZone(ics, end);
        }
        if (in.summary() != null) {
            event.replace(new Summary(in.summary()));
        }
        if (in.description() != null) {
            event.replace(new Description(in.description()));
        }
        if (in.location() != null) {
            event.replace(new Location(in.location()));
        }
        int sequence = event.<Sequence>getProperty(Property.SEQUENCE)
                .map(Sequence::getSequenceNo)
                .orElse(0);
        event.replace(new Sequence(sequence + 1));
        event.replace(new DtStamp(now));
        var response = dav.send("PUT", href, List.of(Map.entry("If-Match", in.etag())), ics.toString(), ICS, "href");
        refusal(response.status(), "href", "the event at this URL");
        dav.checked(response);
        return new Saved(ICal.text(event, Property.UID), href.toString(), response.header("etag"));
    }

    static Deleted delete(DavClient dav, URI href, DeleteInput in) {
        var response = dav.send("DELETE", href, List.of(Map.entry("If-Match", in.etag())), null, null, "href");
        refusal(response.status(), "href", "the event at this URL");
        dav.checked(response);
        return new Deleted(href.toString());
    }

    /**
     * 404 is {@code what} not found, naming the field; 409 (no collection to put it in) names the field too; 412
     * (If-Match or If-None-Match failed) names the ETag.
     */
    private static void refusal(int status, String field, String what) {
        if (status == 404) {
            throw new ConnectorException.NotFound(field, what);
        }
        if (status == 409) {
            throw new ConnectorException.Permanent(status, field + ": " + what + " does not exist");
        }
        if (status == 412) {
            throw new ConnectorException.Permanent(
                    412, "etag: the event changed since it was read (or already exists); read it again");
        }
    }
}
