package dev.atom.workflows.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.scheduling.support.CronExpression;

/**
 * A cron expression read in a time zone: the instants it fires at. Five fields (minute hour day month weekday,
 * as crontab) or Spring's six (with seconds first), or a macro such as {@code @daily}. Daylight saving time is
 * the zone's: a slot in the hour that is skipped in spring moves forward by the gap (02:30 becomes 03:30), a
 * slot in the hour that repeats in autumn fires once, at its first occurrence. Immutable and thread-safe.
 */
final class CronSlots {
    private final String cron;
    private final ZoneId zone;
    private final CronExpression expression;

    private CronSlots(String cron, ZoneId zone, CronExpression expression) {
        this.cron = cron;
        this.zone = zone;
        this.expression = expression;
    }

    /** Throws IllegalArgumentException with a message fit for the user when the cron does not parse. */
    static CronSlots of(String cron, ZoneId zone) {
        String trimmed = cron.strip();
        String spring = trimmed.startsWith("@") || trimmed.split("\\s+").length != 5 ? trimmed : "0 " + trimmed;
        CronExpression expression;
        try {
            expression = CronExpression.parse(spring);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "is not a valid cron expression (minute hour day-of-month month day-of-week, e.g. 0 9 * * MON-FRI)");
        }
        return new CronSlots(trimmed, zone, expression);
    }

    String cron() {
        return cron;
    }

    ZoneId zone() {
        return zone;
    }

    /** The first slot strictly after {@code after}, or null when there is none. */
    Instant next(Instant after) {
        // the cron is matched on the wall clock, then placed in the zone: a time in a spring gap moves forward
        // by the gap, a time in an autumn overlap takes the first occurrence (Spring alone would skip the one
        // and fire the other twice)
        LocalDateTime local = after.atZone(zone).toLocalDateTime();
        for (int i = 0; i < 4; i++) {
            local = expression.next(local);
            if (local == null) {
                return null;
            }
            Instant at = ZonedDateTime.ofLocal(local, zone, null).toInstant();
            if (at.isAfter(after)) {
                return at;
            }
        }
        return null;
    }
}
