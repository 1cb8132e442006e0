package dev.atom.shared.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants are stored as fixed-width UTC text ({@code 2026-11-24T18:28:51.123456Z}) in both SQLite and
 * PostgreSQL: one code path for both dialects, readable in a SQL shell, and text order is time order.
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * Reads an instant; the stored width ({@code uuuu-MM-ddTHH:mm:ss.SSSSSSZ}) is read by position, which is many
     * times cheaper than {@link Instant#parse} (reads map thousands of timestamps per request); any other text,
     * or a field out of range, goes through {@link Instant#parse} and fails the same way.
     */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() == 27 && fixedWidth(text)) {
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            if (month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59) {
                try {
                    long days = LocalDate.of(digits(text, 0, 4), month, day).toEpochDay();
                    return Instant.ofEpochSecond(
                            days * 86_400 + hour * 3_600L + minute * 60L + second, digits(text, 20, 6) * 1_000L);
                } catch (DateTimeException e) {
                    // 30 February and the like: Instant.parse below names it
                }
            }
        }
        return Instant.parse(text);
    }

    private static boolean fixedWidth(String t) {
        for (int i = 0; i < 26; i++) {
            char c = t.charAt(i);
            boolean ok = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T';
                case 13, 16 -> c == ':';
                case 19 -> c == '.';
                default -> c >= '0' && c <= '9';
            };
            if (!ok) {
                return false;
            }
        }
        return t.charAt(26) == 'Z';
    }

    private static int digits(String t, int at, int n) {
        int v = 0;
        for (int i = at; i < at + n; i++) {
            v = v * 10 + (t.charAt(i) - '0');
        }
        return v;
    }
}
