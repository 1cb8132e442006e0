package dev.atom.connectors.caldav;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.connectors.SyncedEvent;
import dev.atom.connectors.SyncedItem;
import dev.atom.shared.net.SsrfGuard;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateListProperty;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code caldav.events}: the events of every calendar collection of the account. A calendar is first listed within
 * the window (calendar-query with time-range, unexpanded: a series stays one master) after reading its
 * {@code DAV:sync-token}; afterwards sync-collection (RFC 6578) reports what changed (fetched by calendar-multiget)
 * and what was deleted (404 members -> removed). A server without sync tokens is followed by its ctag: a changed
 * ctag asks the engine for a full resync (which sweeps what is gone). An object's overrides (RECURRENCE-ID) are
 * items of their own named {@code <href>#<recurrence-id>}, with the object's href as their series. Stateless.
 */
final class CalDavEventsFeed implements SyncFeed {
    static final String ID = "caldav.events";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern SYNC_TOKEN = Pattern.compile("<(?:[\\w-]+:)?sync-token[^>]*>([^<]+)</");
    private static final String TOKEN_PROP = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:sync-token/></d:prop></d:propfind>";
    private final SsrfGuard guard;

    CalDavEventsFeed(SsrfGuard guard) {
        this.guard = guard;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedEvent.class;
    }

    @Override
    public SyncPage fetch(ActionContext context, SyncRequest request) {
        DavClient dav = new DavClient(context, guard);
        ObjectNode cursor =
                request.cursor() == null ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(request.cursor());
        ObjectNode state =
                cursor.has("calendars") ? (ObjectNode) cursor.get("calendars") : cursor.putObject("calendars");
        List<CalDavDiscovery.Calendar> calendars = CalDavDiscovery.calendars(dav).calendars().stream()
                .filter(c -> c.components().isEmpty() || c.components().contains("VEVENT"))
                .toList();
        Set<String> now = new HashSet<>();
        calendars.forEach(c -> now.add(c.url()));
        for (var it = state.propertyNames().iterator(); it.hasNext(); ) {
            if (!now.contains(it.next())) {
                return SyncPage.cursorExpired(); // a calendar was removed: a full resync sweeps its events
            }
        }
        List<SyncChange> changes = new ArrayList<>();
        for (CalDavDiscovery.Calendar c : calendars) {
            URI url = URI.create(c.url());
            String known = state.path(c.url()).asString(null);
            if (known == null) {
                String token = syncToken(dav, url);
                list(dav, url, c, request.windowStart(), request.windowEnd(), changes);
                state.put(c.url(), token != null ? "token:" + token : "ctag:" + c.ctag());
            } else if (known.startsWith("ctag:")) {
                if (!known.equals("ctag:" + c.ctag())) {
                    return SyncPage.cursorExpired();
                }
            } else {
                String token = changes(dav, url, c, known.substring(6), changes);
                if (token == null) {
                    return SyncPage.cursorExpired();
                }
                state.put(c.url(), "token:" + token);
            }
        }
        return SyncPage.done(changes, JSON.writeValueAsString(cursor));
    }

    private static String syncToken(DavClient dav, URI calendar) {
        var response = dav.checked(dav.propfind(calendar, 0, TOKEN_PROP, "calendar"));
        Matcher m = SYNC_TOKEN.matcher(new String(response.body(), StandardCharsets.UTF_8));
        return m.find() ? m.group(1).strip() : null;
    }

    /** The calendar's events overlapping the window, with their data. */
    private static void list(
            DavClient dav, URI calendar, CalDavDiscovery.Calendar c, Instant from, Instant to, List<SyncChange> out) {
        String range = "start=\"" + Times.utc(from) + "\" end=\"" + Times.utc(to) + "\"";
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
                + "<d:prop><d:getetag/><c:calendar-data/></d:prop>"
                + "<c:filter><c:comp-filter name=\"VCALENDAR\"><c:comp-filter name=\"VEVENT\">"
                + "<c:time-range " + range + "/></c:comp-filter></c:comp-filter></c:filter></c:calendar-query>";
        var response = dav.checked(dav.report(calendar, 1, body, "calendar"));
        for (var r : Multistatus.parse(response.body()).responses()) {
            String data = r.text(Multistatus.CALDAV, "calendar-data");
            if (r.href() != null && data != null && !data.isBlank()) {
                items(calendar.resolve(r.href()).toString(), r.text(Multistatus.DAV, "getetag"), data, c, out);
            }
        }
    }

    /** What changed since {@code token} (sync-collection); the new token, or null when the server refused it. */
    private static String changes(
            DavClient dav, URI calendar, CalDavDiscovery.Calendar c, String token, List<SyncChange> out) {
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>"
                + escape(token) + "</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop>"
                + "</d:sync-collection>";
        var response = dav.report(calendar, 0, body, "calendar");
        if (response.status() == 403 || response.status() == 409 || response.status() == 400) {
            return null; // valid-sync-token precondition failed: the token expired
        }
        dav.checked(response);
        String xml = new String(response.body(), StandardCharsets.UTF_8);
        List<String> changed = new ArrayList<>();
        for (var r : Multistatus.parse(response.body()).responses()) {
            if (r.href() == null) {
                continue;
            }
            URI href = calendar.resolve(r.href());
            if (href.getPath().equals(calendar.getPath())) {
                continue;
            }
            if (r.props().isEmpty()) {
                out.add(new SyncChange.Removed(href.toString())); // a 404 member: deleted
            } else {
                changed.add(r.href());
            }
        }
        if (!changed.isEmpty()) {
            StringBuilder multiget = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                    + "<c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
                    + "<d:prop><d:getetag/><c:calendar-data/></d:prop>");
            changed.forEach(h -> multiget.append("<d:href>").append(escape(h)).append("</d:href>"));
            multiget.append("</c:calendar-multiget>");
            var got = dav.checked(dav.report(calendar, 1, multiget.toString(), "calendar"));
            for (var r : Multistatus.parse(got.body()).responses()) {
                String data = r.text(Multistatus.CALDAV, "calendar-data");
                if (r.href() != null && data != null && !data.isBlank()) {
                    String href = calendar.resolve(r.href()).toString();
                    out.add(new SyncChange.Removed(href)); // its old overrides go; the object's items follow
                    items(href, r.text(Multistatus.DAV, "getetag"), data, c, out);
                }
            }
        }
        Matcher m = SYNC_TOKEN.matcher(xml);
        String last = null;
        while (m.find()) {
            last = m.group(1).strip();
        }
        return last == null ? token : last;
    }

    /** The VEVENTs of one calendar object as upserts: the master (or single event), then its overrides. */
    static void items(String href, String etag, String data, CalDavDiscovery.Calendar c, List<SyncChange> out) {
        var calendar = ICal.parse(data);
        for (VEvent e : calendar.<VEvent>getComponents(Component.VEVENT)) {
            Optional<?> dtStart = e.getProperty(Property.DTSTART);
            if (dtStart.isEmpty()) {
                continue;
            }
            Temporal start = ICal.prop(e, Property.DTSTART).map(ICal::date).orElseThrow();
            Temporal end = end(e, start);
            var recurrenceId = ICal.prop(e, Property.RECURRENCE_ID).map(ICal::date);
            boolean allDay = start instanceof LocalDate;
            String zone = start instanceof ZonedDateTime z && !(z.getZone() instanceof ZoneOffset) ? tzid(e, z) : null;
            List<String> rules = new ArrayList<>();
            if (recurrenceId.isEmpty()) {
                e.getProperties(Property.RRULE).forEach(p -> rules.add(line(p)));
                for (String name : List.of(Property.EXDATE, Property.RDATE)) {
                    for (Property p : e.<Property>getProperties(name)) {
                        rules.add(dates(name, p));
                    }
                }
            }
            String status = ICal.text(e, Property.STATUS);
            List<SyncedEvent.Attendee> attendees = new ArrayList<>();
            for (Property a : e.<Property>getProperties(Property.ATTENDEE)) {
                String email = a.getValue().replaceFirst("(?i)^mailto:", "");
                attendees.add(new SyncedEvent.Attendee(
                        email,
                        a.getParameter(Parameter.CN).map(Parameter::getValue).orElse(null),
                        a.getParameter(Parameter.PARTSTAT)
                                .map(p -> p.getValue()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .replace('-', '_'))
                                .orElse(null)));
            }
            Instant original = recurrenceId.map(r -> Times.instant(r, null)).orElse(null);
            out.add(new SyncChange.Upsert(new SyncedEvent(
                    original == null ? href : href + "#" + Times.utc(original),
                    c.url(),
                    c.name(),
                    c.color(),
                    ICal.text(e, Property.SUMMARY),
                    ICal.text(e, Property.DESCRIPTION),
                    ICal.text(e, Property.LOCATION),
                    Times.instant(start, null),
                    Times.instant(end, null),
                    allDay,
                    allDay ? (LocalDate) start : null,
                    allDay && end instanceof LocalDate d ? d : null,
                    zone,
                    Optional.ofNullable(ICal.text(e, Property.ORGANIZER))
                            .map(o -> o.replaceFirst("(?i)^mailto:", ""))
                            .orElse(null),
                    attendees,
                    rules,
                    original == null ? null : href,
                    original,
                    "CANCELLED".equalsIgnoreCase(status),
                    !"TRANSPARENT".equalsIgnoreCase(ICal.text(e, Property.TRANSP)),
                    null,
                    etag,
                    null)));
        }
    }

    private static Temporal end(VEvent e, Temporal start) {
        var dtEnd = ICal.prop(e, Property.DTEND);
        if (dtEnd.isPresent()) {
            return dtEnd.get().getDate();
        }
        Optional<net.fortuna.ical4j.model.property.Duration> duration = e.getProperty(Property.DURATION);
        if (duration.isPresent()) {
            return start.plus(duration.get().getDuration());
        }
        return start instanceof LocalDate d ? d.plusDays(1) : start;
    }

    /** The IANA name the start was written in, when it is one; else the zone ical4j resolved. */
    private static String tzid(VEvent e, ZonedDateTime z) {
        String written = e.<Property>getProperty(Property.DTSTART)
                .flatMap(p -> p.<Parameter>getParameter(Parameter.TZID))
                .map(Parameter::getValue)
                .orElse(null);
        try {
            return written == null
                    ? z.getZone().getId()
                    : java.time.ZoneId.of(written).getId();
        } catch (java.time.DateTimeException ex) {
            return z.getZone().getId().startsWith("ical4j") ? null : z.getZone().getId();
        }
    }

    private static String line(Property p) {
        return p.getName() + ":" + p.getValue();
    }

    /** EXDATE/RDATE with every value in UTC (or as dates), so no VTIMEZONE is needed to read them again. */
    @SuppressWarnings("unchecked")
    private static String dates(String name, Property p) {
        List<String> values = new ArrayList<>();
        boolean dates = false;
        for (Temporal t : ((DateListProperty<Temporal>) p).getDates()) {
            if (t instanceof LocalDate d) {
                dates = true;
                values.add(java.time.format.DateTimeFormatter.BASIC_ISO_DATE.format(d));
            } else {
                values.add(Times.utc(Times.instant(t, null)));
            }
        }
        return name + (dates ? ";VALUE=DATE:" : ":") + String.join(",", values);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
