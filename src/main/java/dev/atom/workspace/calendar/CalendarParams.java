package dev.atom.workspace.calendar;

import dev.atom.shared.web.FieldErrors;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Times and zones as the calendar API takes them: ISO-8601 with an offset ({@code 2026-03-02T09:00:00+01:00} or
 * {@code ...Z}), a local date-time read in {@code timeZone}, or a date (its midnight in {@code timeZone}; for new
 * events an all-day event). Problems are collected in {@link FieldErrors} naming the field. Stateless.
 */
final class CalendarParams {
    static final Duration MAX_EVENTS_RANGE = Duration.ofDays(400);
    static final Duration MAX_FIND_RANGE = Duration.ofDays(90);

    private CalendarParams() {}

    /** A time value: its instant, and its date when it was given as a date alone. */
    record Time(Instant instant, LocalDate date) {
        boolean isDate() {
            return date != null;
        }
    }

    static ZoneId zone(String name, String field, FieldErrors errors) {
        if (name == null || name.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(name.strip());
        } catch (DateTimeException e) {
            errors.add(field, "is not a known time zone (an IANA name such as Europe/Berlin)");
            return null;
        }
    }

    static Time time(String value, ZoneId zone, String field, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            errors.add(field, "is required");
            return null;
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return new Time(
                        d.atStartOfDay(zone == null ? ZoneOffset.UTC : zone).toInstant(), d);
            }
            if (v.endsWith("Z") || v.endsWith("z") || v.matches(".*[+-][0-9]{2}:?[0-9]{2}$")) {
                return new Time(OffsetDateTime.parse(v).toInstant(), null);
            }
            LocalDateTime local = LocalDateTime.parse(v);
            return new Time(local.atZone(zone == null ? ZoneOffset.UTC : zone).toInstant(), null);
        } catch (DateTimeParseException e) {
            errors.add(
                    field, "must be ISO-8601: 2026-03-02, 2026-03-02T09:00:00+01:00 or 2026-03-02T09:00 with timeZone");
            return null;
        }
    }

    /** Checks a [from, to) range: both present, to after from, at most {@code max} long. */
    static void range(Time from, Time to, Duration max, String toField, FieldErrors errors) {
        if (from == null || to == null) {
            return;
        }
        if (!to.instant().isAfter(from.instant())) {
            errors.add(toField, "must be after from");
        } else if (Duration.between(from.instant(), to.instant()).compareTo(max) > 0) {
            errors.add(toField, "must be at most " + max.toDays() + " days after from");
        }
    }
}
