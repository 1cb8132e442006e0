package dev.atom.connectors.caldav;

import dev.atom.connectors.ConnectorException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;

/**
 * Times as users give them: ISO-8601 with an offset ({@code 2026-11-24T10:00+01:00}), a local date-time with
 * an IANA zone ({@code 2026-11-24T10:00} and timeZone {@code Europe/Berlin}, or {@code ...[Europe/Berlin]}), or
 * a date (an all-day event). Stateless.
 */
final class Times {
    static final DateTimeFormatter UTC_BASIC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Times() {}

    static ZoneId zone(String name, String field) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(name.strip());
        } catch (DateTimeException e) {
            throw new ConnectorException.InvalidInput(field, "is not an IANA time zone name (e.g. Europe/Berlin)");
        }
    }

    /** A LocalDate (all day), a ZonedDateTime (a named zone) or an OffsetDateTime. */
    static Temporal parse(String value, ZoneId zone, String field) {
        String v = value == null ? "" : value.strip();
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v);
            }
            if (v.endsWith("]")) {
                return ZonedDateTime.parse(v);
            }
            if (v.endsWith("Z") || v.matches(".*[+-][0-9]{2}:?[0-9]{2}$")) {
                OffsetDateTime odt = OffsetDateTime.parse(v);
                return zone == null ? odt : odt.atZoneSameInstant(zone);
            }
            LocalDateTime local = LocalDateTime.parse(v);
            if (zone == null) {
                throw new ConnectorException.InvalidInput(field, "has no offset: add one (+01:00, Z) or give timeZone");
            }
            return local.atZone(zone);
        } catch (DateTimeParseException e) {
            throw new ConnectorException.InvalidInput(
                    field, "must be ISO-8601: 2026-11-24, 2026-11-24T10:00+01:00 or 2026-11-24T10:00 with timeZone");
        }
    }

    /** The instant a time stands for; a date is its start in {@code zone} (UTC when none). */
    static Instant instant(Temporal t, ZoneId zone) {
        return switch (t) {
            case LocalDate d ->
                d.atStartOfDay(zone == null ? ZoneOffset.UTC : zone).toInstant();
            case LocalDateTime l ->
                l.atZone(zone == null ? ZoneOffset.UTC : zone).toInstant();
            case ZonedDateTime z -> z.toInstant();
            case OffsetDateTime o -> o.toInstant();
            case Instant i -> i;
            default -> Instant.from(t);
        };
    }

    /** How a time is shown: a date, or an ISO-8601 date-time with its offset (in {@code zone} when given). */
    static String show(Temporal t, ZoneId zone) {
        if (t instanceof LocalDate d) {
            return d.toString();
        }
        Instant i = instant(t, zone);
        ZoneId z = zone != null ? zone : t instanceof ZonedDateTime zdt ? zdt.getZone() : ZoneOffset.UTC;
        return i.atZone(z).toOffsetDateTime().toString();
    }

    static String utc(Instant i) {
        return UTC_BASIC.format(i);
    }
}
