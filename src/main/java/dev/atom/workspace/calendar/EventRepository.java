package dev.atom.workspace.calendar;

import dev.atom.connectors.SyncedEvent;
import dev.atom.shared.Ids;
import dev.atom.shared.time.Timestamps;
import dev.atom.workspace.sync.VisibleConnections;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Synced calendar events (calendar_events), keyed by workspace, connection, feed and the service's id. Reads for a
 * member join the row's connection and apply {@link VisibleConnections#CONDITION}, so a colleague's private
 * calendar never shows. Writes are single statements; the caller (the store) holds the transaction. Thread-safe.
 */
@Repository
class EventRepository {
    static final Instant OPEN_END = Instant.parse("9999-12-31T00:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<SyncedEvent.Attendee>> ATTENDEES = new TypeReference<>() {};
    private static final TypeReference<List<String>> LINES = new TypeReference<>() {};
    // row() reads these by position: keep the order
    private static final String COLUMNS = "e.id, e.workspace_id, e.connection_id, e.feed_id, e.external_id,"
            + " e.calendar_id, e.calendar_name, e.calendar_color, e.title, e.description, e.location, e.start_at,"
            + " e.end_at, e.all_day, e.start_date, e.end_date, e.time_zone, e.organizer, e.attendees, e.recurrence,"
            + " e.series_id, e.original_start, e.cancelled, e.busy, e.link, e.version, e.updated_at, e.problem,"
            + " e.synced_at";
    private static final String VISIBLE =
            " JOIN connections c ON c.id = e.connection_id AND c.workspace_id = e.workspace_id";

    private final JdbcClient jdbc;

    EventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Which rows a range read returns: those the viewer may see, or (for free/busy) all of the owners' (several at
     * once, so find-time reads its attendees in one query); {@code owners} empty means no owner filter.
     */
    record Reader(String viewerId, List<String> owners, boolean allOfOwner) {
        Reader {
            owners = List.copyOf(owners);
        }

        Reader(String viewerId, String ownerId, boolean allOfOwner) {
            this(viewerId, ownerId == null ? List.of() : List.of(ownerId), allOfOwner);
        }

        static Reader viewer(String userId) {
            return new Reader(userId, List.of(), false);
        }
    }

    /**
     * Rows whose last occurrence ends at most this long after their start are "short" (long_span = 0): a range
     * read finds them by an index range on start_at from a week before the range, instead of scanning every row
     * that starts before it. Series and long events (long_span = 1) are few and read by a second branch.
     */
    static final java.time.Duration SHORT_SPAN = java.time.Duration.ofDays(7);

    /** Inserts or replaces the row of {@code event}; the Atom id of an existing row is kept. Returns that id. */
    String upsert(
            String workspaceId, String connectionId, String feedId, SyncedEvent event, String problem, Instant at) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", Ids.newId());
        p.put("ws", workspaceId);
        p.put("conn", connectionId);
        p.put("feed", feedId);
        p.put("ext", event.externalId());
        p.put("calendarId", event.calendarId() == null ? "" : event.calendarId());
        p.put("calendarName", event.calendarName());
        p.put("calendarColor", event.calendarColor());
        p.put("title", event.title());
        p.put("description", event.description());
        p.put("location", event.location());
        p.put("startAt", Timestamps.format(event.start()));
        p.put("endAt", Timestamps.format(event.end()));
        p.put("lastEnd", Timestamps.format(lastEnd(event)));
        p.put("longSpan", isLongSpan(event) ? 1 : 0);
        p.put("allDay", event.allDay() ? 1 : 0);
        p.put("startDate", event.startDate() == null ? null : event.startDate().toString());
        p.put("endDate", event.endDate() == null ? null : event.endDate().toString());
        p.put("timeZone", event.timeZone());
        p.put("organizer", event.organizer());
        p.put("attendees", JSON.writeValueAsString(event.attendees()));
        p.put("recurrence", JSON.writeValueAsString(event.recurrence()));
        p.put("seriesId", event.seriesId());
        p.put("originalStart", Timestamps.format(event.originalStart()));
        p.put("cancelled", event.cancelled() ? 1 : 0);
        p.put("busy", event.busy() ? 1 : 0);
        p.put("link", event.link());
        p.put("version", event.version());
        p.put("updatedAt", Timestamps.format(event.updatedAt()));
        p.put("problem", problem);
        p.put("syncedAt", Timestamps.format(at));
        jdbc.sql("""
                INSERT INTO calendar_events (id, workspace_id, connection_id, feed_id, external_id, calendar_id,
                    calendar_name, calendar_color, title, description, location, start_at, end_at, last_end, long_span,
                    all_day, start_date, end_date, time_zone, organizer, attendees, recurrence, series_id, original_start,
                    cancelled, busy, link, version, updated_at, problem, synced_at)
                VALUES (:id, :ws, :conn, :feed, :ext, :calendarId, :calendarName, :calendarColor, :title,
                    :description, :location, :startAt, :endAt, :lastEnd, :longSpan, :allDay, :startDate, :endDate, :timeZone,
                    :organizer, :attendees, :recurrence, :seriesId, :originalStart, :cancelled, :busy, :link,
                    :version, :updatedAt, :problem, :syncedAt)
                ON CONFLICT (workspace_id, connection_id, feed_id, external_id) DO UPDATE SET
                    calendar_id = excluded.calendar_id, calendar_name = excluded.calendar_name,
                    calendar_color = excluded.calendar_color, title = excluded.title,
                    description = excluded.description, location = excluded.location, start_at = excluded.start_at,
                    end_at = excluded.end_at, last_end = excluded.last_end, long_span = excluded.long_span,
                    all_day = excluded.all_day,
                    start_date = excluded.start_date, end_date = excluded.end_date, time_zone = excluded.time_zone,
                    organizer = excluded.organizer, attendees = excluded.attendees,
                    recurrence = excluded.recurrence, series_id = excluded.series_id,
                    original_start = excluded.original_start, cancelled = excluded.cancelled, busy = excluded.busy,
                    link = excluded.link, version = excluded.version, updated_at = excluded.updated_at,
                    problem = excluded.problem, synced_at = excluded.synced_at
                """).params(p).update();
        return jdbc.sql("SELECT id FROM calendar_events WHERE workspace_id = :ws AND connection_id = :conn"
                        + " AND feed_id = :feed AND external_id = :ext")
                .params(p)
                .query(String.class)
                .single();
    }

    Optional<String> idOf(String workspaceId, String connectionId, String feedId, String externalId) {
        return jdbc.sql("SELECT id FROM calendar_events WHERE workspace_id = :ws AND connection_id = :conn"
                        + " AND feed_id = :feed AND external_id = :ext")
                .param("ws", workspaceId)
                .param("conn", connectionId)
                .param("feed", feedId)
                .param("ext", externalId)
                .query(String.class)
                .optional();
    }

    /**
     * Removes the item and, for a series, its overridden occurrences; with {@code overridesOnly} the item itself
     * stays (it is replaced in the same page, keeping its Atom id). The Atom ids removed.
     */
    List<String> remove(
            String workspaceId, String connectionId, String feedId, String externalId, boolean overridesOnly) {
        String where = " WHERE workspace_id = :ws AND connection_id = :conn AND feed_id = :feed"
                + (overridesOnly ? " AND series_id = :ext" : " AND (external_id = :ext OR series_id = :ext)");
        return deleting(where, Map.of("ws", workspaceId, "conn", connectionId, "feed", feedId, "ext", externalId));
    }

    /** Removes the feed's rows synced before {@code before}; the Atom ids removed. */
    List<String> sweep(String workspaceId, String connectionId, String feedId, Instant before) {
        String where =
                " WHERE workspace_id = :ws AND connection_id = :conn AND feed_id = :feed AND synced_at < :before";
        return deleting(
                where,
                Map.of("ws", workspaceId, "conn", connectionId, "feed", feedId, "before", Timestamps.format(before)));
    }

    List<String> removeConnection(String workspaceId, String connectionId) {
        return deleting(
                " WHERE workspace_id = :ws AND connection_id = :conn", Map.of("ws", workspaceId, "conn", connectionId));
    }

    private List<String> deleting(String where, Map<String, Object> params) {
        List<String> ids = jdbc.sql("SELECT id FROM calendar_events" + where)
                .params(params)
                .query(String.class)
                .list();
        if (!ids.isEmpty()) {
            jdbc.sql("DELETE FROM calendar_events" + where).params(params).update();
        }
        return ids;
    }

    long count(String workspaceId, String connectionId, String feedId) {
        return jdbc.sql("SELECT COUNT(*) FROM calendar_events WHERE workspace_id = :ws AND connection_id = :conn"
                        + " AND feed_id = :feed")
                .param("ws", workspaceId)
                .param("conn", connectionId)
                .param("feed", feedId)
                .query(Long.class)
                .single();
    }

    /**
     * Rows that may have an occurrence in [from, to): single events and series overlapping it, and every
     * override whose replaced start lies in it (so an occurrence moved away is not shown twice). Three branches,
     * each an index range (short rows by start, long rows and series, overrides by original start), so the cost
     * follows the rows returned rather than the rows stored before {@code to}.
     */
    List<EventRow> inRange(String workspaceId, Reader reader, Instant from, Instant to) {
        Map<String, Object> p = new HashMap<>();
        p.put("ws", workspaceId);
        // all-day rows are stored at UTC midnight: a day's margin finds them for viewers in any zone
        Instant fromWide = from.minusSeconds(2 * 86_400);
        p.put("fromWide", Timestamps.format(fromWide));
        p.put("toWide", Timestamps.format(to.plusSeconds(2 * 86_400)));
        // a day more than SHORT_SPAN: rows migrated from before long_span were classified in SQL arithmetic
        p.put("fromShort", Timestamps.format(fromWide.minus(SHORT_SPAN).minusSeconds(86_400)));
        String select = "SELECT " + COLUMNS + " FROM calendar_events e" + VISIBLE + " WHERE e.workspace_id = :ws AND "
                + readable(reader, p);
        String overlaps = "e.start_at < :toWide AND e.last_end > :fromWide";
        String sql = "SELECT * FROM (" + select + " AND e.long_span = 0 AND e.start_at >= :fromShort AND " + overlaps
                + " UNION ALL " + select + " AND e.long_span = 1 AND " + overlaps
                + " UNION ALL " + select + " AND e.original_start >= :fromWide AND e.original_start < :toWide"
                + " AND NOT (" + overlaps + ")) u ORDER BY u.start_at, u.id";
        return jdbc.sql(sql).params(p).query(EventRepository::row).list();
    }

    Optional<EventRow> find(String workspaceId, String viewerId, String id) {
        Map<String, Object> p = new HashMap<>();
        p.put("ws", workspaceId);
        p.put("id", id);
        String sql = "SELECT " + COLUMNS + " FROM calendar_events e" + VISIBLE
                + " WHERE e.workspace_id = :ws AND e.id = :id AND " + readable(Reader.viewer(viewerId), p);
        return jdbc.sql(sql).params(p).query(EventRepository::row).optional();
    }

    /** The master of a series, by the series' external id, within the same connection and feed. */
    Optional<EventRow> series(EventRow override) {
        String sql = "SELECT " + COLUMNS + " FROM calendar_events e WHERE e.workspace_id = :ws"
                + " AND e.connection_id = :conn AND e.feed_id = :feed AND e.external_id = :ext";
        return jdbc.sql(sql)
                .param("ws", override.workspaceId())
                .param("conn", override.connectionId())
                .param("feed", override.feedId())
                .param("ext", override.event().seriesId())
                .query(EventRepository::row)
                .optional();
    }

    /** The calendars the viewer sees (every synced calendar of a visible connection), by name. */
    List<CalendarRef> calendars(String workspaceId, String viewerId) {
        Map<String, Object> p = new HashMap<>();
        p.put("ws", workspaceId);
        String sql = "SELECT e.connection_id, e.calendar_id, MAX(e.calendar_name) AS name,"
                + " MAX(e.calendar_color) AS color, MAX(c.connector) AS connector FROM calendar_events e" + VISIBLE
                + " WHERE e.workspace_id = :ws AND " + readable(Reader.viewer(viewerId), p)
                + " GROUP BY e.connection_id, e.calendar_id ORDER BY name, e.calendar_id";
        return jdbc.sql(sql)
                .params(p)
                .query((rs, n) -> new CalendarRef(
                        CalendarRef.id(rs.getString(1), rs.getString(2)),
                        rs.getString(3) == null ? rs.getString(2) : rs.getString(3),
                        rs.getString(4),
                        rs.getString(1),
                        rs.getString(5)))
                .list();
    }

    /** A connection of a calendar connector the user connected: where their own free/busy questions go. */
    record OwnConnection(String id, String connector) {}

    List<OwnConnection> ownConnections(String workspaceId, String userId, List<String> connectors) {
        return jdbc.sql("SELECT id, connector FROM connections WHERE workspace_id = :ws AND created_by = :user"
                        + " AND connector IN (:connectors) AND status = 'connected' ORDER BY created_at, id")
                .param("ws", workspaceId)
                .param("user", userId)
                .param("connectors", connectors)
                .query((rs, n) -> new OwnConnection(rs.getString(1), rs.getString(2)))
                .list();
    }

    /** Every row of every workspace, streamed (the search index rebuilds from it). */
    void forEach(Consumer<EventRow> sink) {
        try (Stream<EventRow> rows = jdbc
                .sql("SELECT " + COLUMNS + " FROM calendar_events e ORDER BY e.id")
                .query(EventRepository::row)
                .stream()) {
            rows.forEach(sink);
        }
    }

    private static String readable(Reader reader, Map<String, Object> p) {
        if (reader.owners().isEmpty()) {
            p.put("viewer", reader.viewerId());
            return VisibleConnections.CONDITION;
        }
        p.put("owners", reader.owners());
        if (reader.allOfOwner()) {
            return "c.created_by IN (:owners)";
        }
        p.put("viewer", reader.viewerId());
        return "c.created_by IN (:owners) AND " + VisibleConnections.CONDITION;
    }

    /** Whether the event's occurrences can end more than {@link #SHORT_SPAN} after its start (see long_span). */
    static boolean isLongSpan(SyncedEvent e) {
        return java.time.Duration.between(e.start(), lastEnd(e)).compareTo(SHORT_SPAN) > 0;
    }

    /** When the last occurrence can end: the event's end, a series' UNTIL (plus its length), or far ahead. */
    static Instant lastEnd(SyncedEvent e) {
        if (e.recurrence().isEmpty()) {
            return e.end();
        }
        Instant until = null;
        for (String line : e.recurrence()) {
            var m = java.util.regex.Pattern.compile("(?i)^RRULE:.*UNTIL=([0-9TZ]+)")
                    .matcher(line.strip());
            if (!m.find()) {
                return OPEN_END;
            }
            String u = m.group(1);
            Instant candidate = u.length() == 8
                    ? LocalDate.parse(u, java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                            .plusDays(2)
                            .atStartOfDay(java.time.ZoneOffset.UTC)
                            .toInstant()
                    : java.time.LocalDateTime.parse(
                                    u.replace("Z", ""),
                                    java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))
                            .atZone(java.time.ZoneOffset.UTC)
                            .toInstant()
                            .plusSeconds(86_400);
            until = until == null || candidate.isAfter(until) ? candidate : until;
        }
        return until == null ? OPEN_END : until.plus(java.time.Duration.between(e.start(), e.end()));
    }

    /** A row of {@link #COLUMNS}, read by position (a name lookup per column was a sixth of a week read). */
    static EventRow row(ResultSet rs, int n) throws SQLException {
        SyncedEvent event = new SyncedEvent(
                rs.getString(5), // external_id
                rs.getString(6), // calendar_id
                rs.getString(7), // calendar_name
                rs.getString(8), // calendar_color
                rs.getString(9), // title
                rs.getString(10), // description
                rs.getString(11), // location
                Timestamps.parse(rs.getString(12)), // start_at
                Timestamps.parse(rs.getString(13)), // end_at
                rs.getInt(14) == 1, // all_day
                date(rs.getString(15)), // start_date
                date(rs.getString(16)), // end_date
                rs.getString(17), // time_zone
                rs.getString(18), // organizer
                list(rs.getString(19), ATTENDEES), // attendees
                list(rs.getString(20), LINES), // recurrence
                rs.getString(21), // series_id
                Timestamps.parse(rs.getString(22)), // original_start
                rs.getInt(23) == 1, // cancelled
                rs.getInt(24) == 1, // busy
                rs.getString(25), // link
                rs.getString(26), // version
                Timestamps.parse(rs.getString(27))); // updated_at
        return new EventRow(
                rs.getString(1), // id
                rs.getString(2), // workspace_id
                rs.getString(3), // connection_id
                rs.getString(4), // feed_id
                event,
                rs.getString(28), // problem
                Timestamps.parse(rs.getString(29))); // synced_at
    }

    /** Most rows have no attendees or no recurrence: "[]" needs no JSON parser (a third of a read's mapping). */
    private static <T> List<T> list(String json, TypeReference<List<T>> type) {
        return json.equals("[]") ? List.of() : JSON.readValue(json, type);
    }

    private static LocalDate date(String s) {
        return s == null ? null : LocalDate.parse(s);
    }

    static List<String> ids(List<EventRow> rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.id()));
        return out;
    }
}
