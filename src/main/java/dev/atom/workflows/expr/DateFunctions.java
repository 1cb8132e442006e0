package dev.atom.workflows.expr;

import static dev.atom.workflows.expr.Functions.NODES;
import static dev.atom.workflows.expr.Functions.add;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Date functions. Dates are ISO-8601 strings; functions answer UTC instants ({@code 2026-05-01T09:30:00Z}).
 * now() reads the injected clock, so tests and replays are deterministic.
 */
final class DateFunctions {
    private static final int MAX_PATTERN = 100;

    private DateFunctions() {}

    static void register() {
        add("now", 0, 0, c -> NODES.stringNode(Instant.now(c.clock()).toString()));
        add("parseDate", 1, 3, c -> {
            if (Values.isNull(c.arg(0))) {
                return NODES.nullNode();
            }
            ZoneId zone = zone(c, 2);
            if (c.args().size() > 1 && !Values.isNull(c.arg(1))) {
                return text(parsePattern(c, c.requiredString(0), pattern(c, 1), zone));
            }
            return text(instant(c, 0, zone));
        });
        add("formatDate", 2, 3, c -> {
            if (Values.isNull(c.arg(0))) {
                return NODES.nullNode();
            }
            Instant at = instant(c, 0, ZoneOffset.UTC);
            DateTimeFormatter format = pattern(c, 1);
            try {
                return c.text(format.withZone(zone(c, 2)).format(at));
            } catch (DateTimeException e) {
                throw c.error("the pattern does not fit a date and time");
            }
        });
        add("addDuration", 2, 3, c -> {
            if (Values.isNull(c.arg(0))) {
                return NODES.nullNode();
            }
            ZoneId zone = zone(c, 2);
            Instant at = instant(c, 0, zone);
            String d = c.requiredString(1).strip();
            if (d.length() > 64) {
                throw c.error("not an ISO-8601 duration like PT2H or P1D");
            }
            try {
                // P1D, P1M, P1Y follow the calendar in the zone; anything with a time part is exact
                if (d.indexOf('T') < 0 && d.indexOf('t') < 0) {
                    return text(ZonedDateTime.ofInstant(at, zone)
                            .plus(Period.parse(d))
                            .toInstant());
                }
                return text(at.plus(Duration.parse(d)));
            } catch (DateTimeException | ArithmeticException e) {
                throw c.error("not an ISO-8601 duration like PT2H or P1D, or the date leaves the calendar");
            }
        });
        add("diff", 2, 2, c -> {
            if (Values.isNull(c.arg(0)) || Values.isNull(c.arg(1))) {
                return NODES.nullNode();
            }
            Duration d = Duration.between(instant(c, 0, ZoneOffset.UTC), instant(c, 1, ZoneOffset.UTC));
            return c.number(BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9)));
        });
    }

    private static JsonNode text(Instant at) {
        return NODES.stringNode(at.toString());
    }

    private static ZoneId zone(Functions.Invocation c, int i) throws ExpressionException {
        if (c.args().size() <= i || Values.isNull(c.arg(i))) {
            return ZoneOffset.UTC;
        }
        String z = c.requiredString(i);
        try {
            if (z.length() > 64) {
                throw new DateTimeException("too long");
            }
            return ZoneId.of(z);
        } catch (DateTimeException e) {
            throw c.error("unknown time zone '" + shorten(z) + "'");
        }
    }

    private static DateTimeFormatter pattern(Functions.Invocation c, int i) throws ExpressionException {
        String p = c.requiredString(i);
        if (p.length() > MAX_PATTERN) {
            throw c.error("pattern longer than " + MAX_PATTERN + " characters");
        }
        try {
            return DateTimeFormatter.ofPattern(p, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw c.error("bad date pattern '" + p + "'");
        }
    }

    /** An ISO-8601 date-time (with offset, or local in the zone), a date (midnight), or epoch seconds. */
    static Instant instant(Functions.Invocation c, int i, ZoneId zone) throws ExpressionException {
        JsonNode v = c.arg(i);
        try {
            if (v.isNumber()) {
                BigDecimal s = Numbers.decimal(v);
                if (s == null || s.abs().compareTo(BigDecimal.valueOf(Instant.MAX.getEpochSecond())) > 0) {
                    throw new DateTimeException("out of range");
                }
                return Instant.ofEpochSecond(s.longValue());
            }
            String s = c.requiredString(i).strip();
            if (s.length() > 64) {
                throw new DateTimeException("too long");
            }
            if (s.length() <= 10) {
                return LocalDate.parse(s).atStartOfDay(zone).toInstant();
            }
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(s);
            if (t.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)) {
                return ZonedDateTime.from(t).toInstant();
            }
            return LocalDateTime.from(t).atZone(zone).toInstant();
        } catch (DateTimeException | ArithmeticException e) {
            throw c.error("'" + shorten(Values.text(v)) + "' is not an ISO-8601 date");
        }
    }

    private static Instant parsePattern(Functions.Invocation c, String s, DateTimeFormatter f, ZoneId zone)
            throws ExpressionException {
        try {
            TemporalAccessor t = f.parse(s);
            if (t.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)) {
                return ZonedDateTime.from(t).toInstant();
            }
            if (t.isSupported(java.time.temporal.ChronoField.HOUR_OF_DAY)) {
                return LocalDateTime.from(t).atZone(zone).toInstant();
            }
            return LocalDate.from(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeException | ArithmeticException e) {
            throw c.error("'" + shorten(s) + "' does not match the pattern");
        }
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
