package dev.atom.shared.time;

import java.time.Instant;
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

    public static Instant parse(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
