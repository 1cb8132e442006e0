package dev.atom.workspace.calendar;

import dev.atom.connectors.SyncedEvent;
import dev.atom.shared.time.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Events and connections for the calendar's tests. */
final class CalendarFixtures {
    private CalendarFixtures() {}

    static SyncedEvent timed(String id, String title, String start, String end) {
        return timed(id, "primary", title, Instant.parse(start), Instant.parse(end), "Europe/Berlin", List.of());
    }

    static SyncedEvent timed(
            String id, String calendar, String title, Instant start, Instant end, String zone, List<String> rules) {
        return new SyncedEvent(
                id,
                calendar,
                "Work",
                "#0b8043",
                title,
                "About " + title,
                "Room 1",
                start,
                end,
                false,
                null,
                null,
                zone,
                "gina@example.com",
                List.of(new SyncedEvent.Attendee("ann@example.com", "Ann", "accepted")),
                rules,
                null,
                null,
                false,
                true,
                "https://calendar.example.com/" + id,
                null,
                start);
    }

    static SyncedEvent allDay(String id, String title, LocalDate first, LocalDate afterLast) {
        Instant s = first.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        Instant e = afterLast.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        return new SyncedEvent(
                id, "primary", "Work", "#0b8043", title, null, null, s, e, true, first, afterLast, null, null, null,
                null, null, null, false, false, null, null, s);
    }

    /** An override of one occurrence of {@code series}: moved to [start, end), or cancelled. */
    static SyncedEvent override(
            String id, String series, Instant originalStart, Instant start, Instant end, boolean cancelled) {
        return new SyncedEvent(
                id,
                "primary",
                "Work",
                "#0b8043",
                "Moved standup",
                null,
                null,
                start,
                end,
                false,
                null,
                null,
                "Europe/Berlin",
                null,
                null,
                null,
                series,
                originalStart,
                cancelled,
                true,
                null,
                null,
                start);
    }

    /** A connection row as the connectors module writes it (owner and visibility are what reads check). */
    static String connection(
            JdbcClient jdbc, String workspaceId, String id, String owner, String connector, String visibility) {
        String now = Timestamps.format(Instant.parse("2026-01-01T00:00:00Z"));
        jdbc.sql("""
                INSERT INTO connections (id, workspace_id, connector, name, status, created_by, created_at,
                    updated_at, visibility)
                VALUES (:id, :ws, :connector, :name, 'connected', :owner, :now, :now, :visibility)
                """)
                .param("id", id)
                .param("ws", workspaceId)
                .param("connector", connector)
                .param("name", connector + " of " + owner)
                .param("owner", owner)
                .param("now", now)
                .param("visibility", visibility)
                .update();
        return id;
    }
}
