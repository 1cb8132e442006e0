package dev.atom.workflows.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.scheduling.support.CronExpression;

/**
 * A cron expression read in a time zone: the instants it fires at. Five fields (minute hour day month weekday,
 * as crontab) or Spring's six (with seconds first), or a macro such as {@code @daily}. Daylight saving time is
 * the zone's: a slot in the hour that is skipped in spring moves to the first valid time after it, a slot in
 * the hour that repeats in autumn fires once. Immutable and thread-safe.
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
        ZonedDateTime next = expression.next(after.atZone(zone));
        return next == null ? null : next.toInstant();
    }
}
