package dev.atom.connectors.caldav;

import dev.atom.connectors.ConnectorException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStart;

/**
 * iCalendar through ical4j: VEVENTs read from calendar data (recurrences expanded here when the server did not
 * expand them) and time values in the forms ical4j writes (a date, a UTC instant, or a TZID with its
 * VTIMEZONE). ical4j's registry reads the zone definitions bundled in its jar, never the network
 * (ical4j.properties). Stateless.
 */
final class ICal {
    static final int MAX_OCCURRENCES = 1000;
    private static final TimeZoneRegistry ZONES =
            TimeZoneRegistryFactory.getInstance().createRegistry();

    private ICal() {}

    /** One occurrence: the event (the master or an override), its start and end, and its RECURRENCE-ID. */
    record Occurrence(VEvent event, Temporal start, Temporal end, Temporal recurrenceId, boolean recurring) {}

    static Calendar parse(String data) {
        try {
            return new CalendarBuilder(ZONES).build(new StringReader(data));
        } catch (Exception e) {
            throw new ConnectorException.Permanent(0, "the server sent calendar data that is not iCalendar");
        }
    }

    /**
     * The occurrences of the calendar object's VEVENTs that overlap [from, to): a recurring master is
     * expanded (EXDATEs applied, overridden instances left to their own VEVENT); others are kept as they are.
     */
    static List<Occurrence> occurrences(Calendar calendar, Instant from, Instant to) {
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        Set<Instant> overridden = new HashSet<>();
        for (VEvent e : events) {
            prop(e, Property.RECURRENCE_ID).ifPresent(r -> overridden.add(Times.instant(date(r), null)));
        }
        List<Occurrence> out = new ArrayList<>();
        for (VEvent e : events) {
            Optional<DtStart<Temporal>> dtStart = e.getProperty(Property.DTSTART);
            if (dtStart.isEmpty()) {
                continue;
            }
            Temporal start = dtStart.get().getDate();
            Temporal end = end(e, start);
            Optional<DateProperty<Temporal>> recurrenceId = prop(e, Property.RECURRENCE_ID);
            boolean master = recurrenceId.isEmpty()
                    && (e.getProperty(Property.RRULE).isPresent()
                            || e.getProperty(Property.RDATE).isPresent());
            if (!master) {
                if (overlaps(start, end, from, to)) {
                    out.add(new Occurrence(
                            e, start, end, recurrenceId.map(ICal::date).orElse(null), recurrenceId.isPresent()));
                }
                continue;
            }
            Period<ZonedDateTime> range = new Period<>(from.atZone(ZoneOffset.UTC), to.atZone(ZoneOffset.UTC));
            Set<Period<Temporal>> periods = e.calculateRecurrenceSet(range);
            periods.stream().sorted().forEach(p -> {
                if (out.size() < MAX_OCCURRENCES
                        && !overridden.contains(Times.instant(p.getStart(), null))
                        && overlaps(p.getStart(), p.getEnd(), from, to)) {
                    out.add(new Occurrence(e, p.getStart(), p.getEnd(), p.getStart(), true));
                }
            });
        }
        return out;
    }

    private static Temporal end(VEvent e, Temporal start) {
        Optional<DtEnd<Temporal>> dtEnd = e.getProperty(Property.DTEND);
        if (dtEnd.isPresent()) {
            return dtEnd.get().getDate();
        }
        Optional<net.fortuna.ical4j.model.property.Duration> duration = e.getProperty(Property.DURATION);
        if (duration.isPresent()) {
            return start.plus(duration.get().getDuration());
        }
        // RFC 5545: a date lasts the day, a date-time is an instant
        return start instanceof LocalDate d ? d.plusDays(1) : start;
    }

    static boolean overlaps(Temporal start, Temporal end, Instant from, Instant to) {
        Instant s = Times.instant(start, null);
        Instant e = Times.instant(end, null);
        return s.isBefore(to) && (e.isAfter(from) || (s.equals(e) && !s.isBefore(from)));
    }

    @SuppressWarnings("unchecked")
    static Optional<DateProperty<Temporal>> prop(VEvent e, String name) {
        return e.getProperty(name).map(p -> (DateProperty<Temporal>) p);
    }

    static Temporal date(DateProperty<Temporal> p) {
        return p.getDate();
    }

    static String text(Component c, String name) {
        return c.getProperty(name)
                .map(Property::getValue)
                .filter(v -> !v.isBlank())
                .orElse(null);
    }

    /**
     * A time as ical4j should write it: a date stays a date, a time in a named zone keeps the zone (its
     * VTIMEZONE is added by {@link #addZone}), a time with only an offset becomes UTC.
     */
    static Temporal value(Temporal t) {
        return switch (t) {
            case OffsetDateTime o -> o.toInstant();
            case ZonedDateTime z when z.getZone() instanceof ZoneOffset -> z.toInstant();
            default -> t;
        };
    }

    /** Adds the VTIMEZONE of a named zone the calendar does not define yet. */
    static void addZone(Calendar calendar, Temporal t) {
        if (!(t instanceof ZonedDateTime z) || z.getZone() instanceof ZoneOffset) {
            return;
        }
        ZoneId zone = z.getZone();
        boolean present = calendar.getComponents(Component.VTIMEZONE).stream()
                .anyMatch(tz -> zone.getId().equals(text(tz, Property.TZID)));
        var definition = ZONES.getTimeZone(zone.getId());
        if (!present && definition != null) {
            calendar.add(definition.getVTimeZone());
        }
    }
}
