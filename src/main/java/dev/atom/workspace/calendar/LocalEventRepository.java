package dev.atom.workspace.calendar;

import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
 * Atom's own calendar events (calendar_local_events). Every statement filters by workspace and owner: another
 * member's event behaves as if it did not exist. Thread-safe.
 */
@Repository
class LocalEventRepository {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "id, workspace_id, owner_id, title, description, location, start_at, end_at,"
            + " all_day, time_zone, attendees, busy, created_at, updated_at";

    private final JdbcClient jdbc;

    LocalEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(LocalEvent e) {
        jdbc.sql(
                        "INSERT INTO calendar_local_events (" + COLUMNS
                                + ") VALUES (:id, :ws, :owner, :title, :description,"
                                + " :location, :startAt, :endAt, :allDay, :timeZone, :attendees, :busy, :createdAt, :updatedAt)")
                .params(params(e))
                .update();
    }

    /** Writes every changeable field; false when the owner has no such event. */
    boolean update(LocalEvent e) {
        return jdbc.sql("""
                        UPDATE calendar_local_events SET title = :title, description = :description,
                            location = :location, start_at = :startAt, end_at = :endAt, all_day = :allDay,
                            time_zone = :timeZone, attendees = :attendees, busy = :busy, updated_at = :updatedAt
                        WHERE id = :id AND workspace_id = :ws AND owner_id = :owner
                        """).params(params(e)).update() > 0;
    }

    boolean delete(String workspaceId, String ownerId, String id) {
        return jdbc.sql("DELETE FROM calendar_local_events WHERE id = :id AND workspace_id = :ws AND owner_id = :owner")
                        .param("id", id)
                        .param("ws", workspaceId)
                        .param("owner", ownerId)
                        .update()
                > 0;
    }

    Optional<LocalEvent> find(String workspaceId, String ownerId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM calendar_local_events WHERE id = :id AND workspace_id = :ws"
                        + " AND owner_id = :owner")
                .param("id", id)
                .param("ws", workspaceId)
                .param("owner", ownerId)
                .query(LocalEventRepository::row)
                .optional();
    }

    /** The owner's events overlapping [from, to), by start. */
    List<LocalEvent> inRange(String workspaceId, String ownerId, Instant from, Instant to) {
        return inRange(workspaceId, List.of(ownerId), from, to);
    }

    /** The events of any of the owners overlapping [from, to), by start (find-time reads everyone's at once). */
    List<LocalEvent> inRange(String workspaceId, List<String> ownerIds, Instant from, Instant to) {
        if (ownerIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM calendar_local_events WHERE workspace_id = :ws"
                        + " AND owner_id IN (:owners) AND start_at < :to AND end_at > :from ORDER BY start_at, id")
                .param("ws", workspaceId)
                .param("owners", ownerIds)
                // all-day events are stored at UTC midnight: a day's margin finds them for viewers in any zone
                .param("from", Timestamps.format(from.minusSeconds(2 * 86_400)))
                .param("to", Timestamps.format(to.plusSeconds(2 * 86_400)))
                .query(LocalEventRepository::row)
                .list();
    }

    /** Every local event of every workspace, streamed (the search index rebuilds from it). */
    void forEach(Consumer<LocalEvent> sink) {
        try (Stream<LocalEvent> rows = jdbc
                .sql("SELECT " + COLUMNS + " FROM calendar_local_events ORDER BY id")
                .query(LocalEventRepository::row)
                .stream()) {
            rows.forEach(sink);
        }
    }

    private static Map<String, Object> params(LocalEvent e) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", e.id());
        p.put("ws", e.workspaceId());
        p.put("owner", e.ownerId());
        p.put("title", e.title());
        p.put("description", e.description());
        p.put("location", e.location());
        p.put("startAt", Timestamps.format(e.start()));
        p.put("endAt", Timestamps.format(e.end()));
        p.put("allDay", e.allDay() ? 1 : 0);
        p.put("timeZone", e.timeZone());
        p.put("attendees", JSON.writeValueAsString(e.attendees()));
        p.put("busy", e.busy() ? 1 : 0);
        p.put("createdAt", Timestamps.format(e.createdAt()));
        p.put("updatedAt", Timestamps.format(e.updatedAt()));
        return p;
    }

    private static LocalEvent row(ResultSet rs, int n) throws SQLException {
        return new LocalEvent(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("owner_id"),
                rs.getString("title"),
                rs.getString("description"),
                rs.getString("location"),
                Timestamps.parse(rs.getString("start_at")),
                Timestamps.parse(rs.getString("end_at")),
                rs.getInt("all_day") == 1,
                rs.getString("time_zone"),
                JSON.readValue(rs.getString("attendees"), new TypeReference<List<String>>() {}),
                rs.getInt("busy") == 1,
                Timestamps.parse(rs.getString("created_at")),
                Timestamps.parse(rs.getString("updated_at")));
    }
}
