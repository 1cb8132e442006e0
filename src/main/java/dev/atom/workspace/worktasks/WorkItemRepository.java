package dev.atom.workspace.worktasks;

import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.shared.Ids;
import dev.atom.shared.db.SqlDialect;
import dev.atom.shared.time.Timestamps;
import dev.atom.workspace.sync.SyncScope;
import dev.atom.workspace.sync.VisibleConnections;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Synced work items, keyed by (workspace, connection, feed, external id), each with Atom's own stable id. Writes
 * come from the sync engine (through {@link WorkItemStore}) and from writing through (the local copy changes at
 * once). A person's reads see only the items of their own connections: "assigned to me" means assigned to the
 * connected account, which is its owner's; {@link VisibleConnections#CONDITION} is applied as well. Thread-safe.
 */
@Repository
class WorkItemRepository {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "w.id, w.workspace_id, w.connection_id, c.name AS connection_name,"
            + " w.connector, w.feed, w.external_id, w.kind, w.title, w.container, w.status, w.done, w.due_date,"
            + " w.assigned_to_me, w.body, w.link, w.refs, w.updated_at, w.synced_at";
    private static final String FROM = " FROM synced_work_items w JOIN connections c"
            + " ON c.id = w.connection_id AND c.workspace_id = w.workspace_id";
    /** The viewer's own items: their connections, still visible to them, assigned to the account. */
    private static final String MINE = " w.workspace_id = :ws AND c.created_by = :viewer AND "
            + VisibleConnections.CONDITION + " AND w.assigned_to_me = 1";

    private final JdbcClient jdbc;
    private final SqlDialect dialect;
    private final TransactionOperations transactions;

    WorkItemRepository(JdbcClient jdbc, SqlDialect dialect, TransactionOperations transactions) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.transactions = transactions;
    }

    /** What one write changed: rows now present (re-read) and {@code kind:id} pairs of rows removed. */
    record Changed(List<WorkItem> upserted, List<Removed> removed) {}

    /** A removed row: its Atom id and kind (search keys on the type). */
    record Removed(String id, String kind) {}

    /** Applies a page of changes in one transaction; upserts keep the row's Atom id. */
    Changed apply(SyncScope scope, List<SyncChange> changes, Instant syncedAt) {
        return transactions.execute(tx -> {
            List<String> ids = new ArrayList<>();
            List<Removed> removed = new ArrayList<>();
            for (SyncChange change : changes) {
                switch (change) {
                    case SyncChange.Upsert u -> ids.add(upsert(scope, (SyncedWorkItem) u.item(), syncedAt));
                    case SyncChange.Removed r ->
                        removed.addAll(delete(
                                " w.workspace_id = :ws AND w.connection_id = :conn"
                                        + " AND w.feed = :feed AND w.external_id = :ext",
                                Map.of(
                                        "ws", scope.workspaceId(),
                                        "conn", scope.connectionId(),
                                        "feed", scope.feedId(),
                                        "ext", r.externalId())));
                }
            }
            List<WorkItem> upserted = new ArrayList<>();
            for (String id : ids.stream().distinct().toList()) {
                byId(scope.workspaceId(), id).ifPresent(upserted::add);
            }
            return new Changed(upserted, removed);
        });
    }

    private String upsert(SyncScope scope, SyncedWorkItem item, Instant syncedAt) {
        jdbc.sql("""
                INSERT INTO synced_work_items (id, workspace_id, connection_id, connector, feed, external_id, kind,
                    title, container, status, done, due_date, assigned_to_me, body, link, refs, updated_at, synced_at)
                VALUES (:id, :ws, :conn, :connector, :feed, :ext, :kind, :title, :container, :status, :done, :due,
                    :mine, :body, :link, :refs, :updated, :synced)
                ON CONFLICT (workspace_id, connection_id, feed, external_id) DO UPDATE SET
                    kind = excluded.kind, title = excluded.title, container = excluded.container,
                    status = excluded.status, done = excluded.done, due_date = excluded.due_date,
                    assigned_to_me = excluded.assigned_to_me, body = excluded.body, link = excluded.link,
                    refs = excluded.refs, updated_at = excluded.updated_at, synced_at = excluded.synced_at
                """)
                .param("id", Ids.newId())
                .param("ws", scope.workspaceId())
                .param("conn", scope.connectionId())
                .param("connector", scope.connectorId())
                .param("feed", scope.feedId())
                .param("ext", item.externalId())
                .param("kind", item.kind())
                .param("title", item.title() == null ? "" : item.title())
                .param("container", item.container())
                .param("status", item.status())
                .param("done", item.done() ? 1 : 0)
                .param("due", item.dueDate() == null ? null : item.dueDate().toString())
                .param("mine", item.assignedToMe() ? 1 : 0)
                .param("body", item.body())
                .param("link", item.link())
                .param("refs", JSON.writeValueAsString(item.refs()))
                .param("updated", item.updatedAt() == null ? null : Timestamps.format(item.updatedAt()))
                .param("synced", Timestamps.format(syncedAt))
                .update();
        return jdbc.sql("SELECT id FROM synced_work_items WHERE workspace_id = :ws AND connection_id = :conn"
                        + " AND feed = :feed AND external_id = :ext")
                .param("ws", scope.workspaceId())
                .param("conn", scope.connectionId())
                .param("feed", scope.feedId())
                .param("ext", item.externalId())
                .query(String.class)
                .single();
    }

    /** Removes the feed's rows a full resync begun at {@code before} did not write. */
    List<Removed> sweep(SyncScope scope, Instant before) {
        return transactions.execute(tx -> delete(
                " w.workspace_id = :ws AND w.connection_id = :conn AND w.feed = :feed AND w.synced_at < :before",
                Map.of(
                        "ws", scope.workspaceId(),
                        "conn", scope.connectionId(),
                        "feed", scope.feedId(),
                        "before", Timestamps.format(before))));
    }

    List<Removed> removeConnection(String workspaceId, String connectionId) {
        return transactions.execute(tx -> delete(
                " w.workspace_id = :ws AND w.connection_id = :conn", Map.of("ws", workspaceId, "conn", connectionId)));
    }

    private List<Removed> delete(String where, Map<String, Object> params) {
        List<Removed> gone = jdbc.sql("SELECT w.id, w.kind FROM synced_work_items w WHERE" + where)
                .params(params)
                .query((rs, n) -> new Removed(rs.getString("id"), rs.getString("kind")))
                .list();
        if (!gone.isEmpty()) {
            jdbc.sql("DELETE FROM synced_work_items WHERE id IN (SELECT w.id FROM synced_work_items w WHERE" + where
                            + ")")
                    .params(params)
                    .update();
        }
        return gone;
    }

    long count(SyncScope scope) {
        return jdbc.sql("SELECT COUNT(*) FROM synced_work_items WHERE workspace_id = :ws AND connection_id = :conn"
                        + " AND feed = :feed")
                .param("ws", scope.workspaceId())
                .param("conn", scope.connectionId())
                .param("feed", scope.feedId())
                .query(Long.class)
                .single();
    }

    /** The viewer's items matching {@code filter}: open first, then by due date (none last), title, id. */
    List<WorkItem> list(String workspaceId, String viewerId, WorkItemFilter filter, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + FROM + " WHERE" + MINE);
        Map<String, Object> params = new LinkedHashMap<>(Map.of("ws", workspaceId, "viewer", viewerId));
        if (filter.done() != null) {
            sql.append(" AND w.done = :done");
            params.put("done", filter.done() ? 1 : 0);
        }
        if (filter.text() != null) {
            sql.append(" AND ").append(dialect.containsIgnoreCase("w.title", "text"));
            params.put("text", SqlDialect.escapeLike(filter.text()));
        }
        if (filter.dueBefore() != null) {
            sql.append(" AND w.due_date < :dueBefore");
            params.put("dueBefore", filter.dueBefore().toString());
        }
        if (filter.connector() != null) {
            sql.append(" AND w.connector = :connector");
            params.put("connector", filter.connector());
        }
        if (filter.container() != null) {
            sql.append(" AND w.container = :container");
            params.put("container", filter.container());
        }
        sql.append(" ORDER BY w.done, CASE WHEN w.due_date IS NULL THEN 1 ELSE 0 END, w.due_date, w.title, w.id"
                + " LIMIT :limit OFFSET :offset");
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql(sql.toString())
                .params(params)
                .query(WorkItemRepository::row)
                .list();
    }

    /** One of the viewer's items; empty for another workspace's, another member's or an unknown id. */
    Optional<WorkItem> find(String workspaceId, String viewerId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE" + MINE + " AND w.id = :id")
                .param("ws", workspaceId)
                .param("viewer", viewerId)
                .param("id", id)
                .query(WorkItemRepository::row)
                .optional();
    }

    /** The viewer's open items due on or before {@code until} (overdue ones included), soonest first. */
    List<WorkItem> dueBy(String workspaceId, String viewerId, LocalDate until) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE" + MINE
                        + " AND w.done = 0 AND w.due_date IS NOT NULL AND w.due_date <= :until"
                        + " ORDER BY w.due_date, w.title, w.id")
                .param("ws", workspaceId)
                .param("viewer", viewerId)
                .param("until", until.toString())
                .query(WorkItemRepository::row)
                .list();
    }

    /** Writes Atom's copy after a write-through succeeded; false when the row is gone meanwhile. */
    boolean updateLocal(String workspaceId, String id, boolean done, String status, LocalDate due) {
        return jdbc.sql("UPDATE synced_work_items SET done = :done, status = :status, due_date = :due"
                                + " WHERE workspace_id = :ws AND id = :id")
                        .param("done", done ? 1 : 0)
                        .param("status", status)
                        .param("due", due == null ? null : due.toString())
                        .param("ws", workspaceId)
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Every row of every workspace, streamed (the search index rebuilds from it). */
    void forEach(Consumer<WorkItem> sink) {
        try (Stream<WorkItem> rows =
                jdbc.sql("SELECT " + COLUMNS + FROM + " ORDER BY w.id").query(WorkItemRepository::row).stream()) {
            rows.forEach(sink);
        }
    }

    Optional<WorkItem> byId(String workspaceId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE w.workspace_id = :ws AND w.id = :id")
                .param("ws", workspaceId)
                .param("id", id)
                .query(WorkItemRepository::row)
                .optional();
    }

    private static WorkItem row(ResultSet rs, int n) throws SQLException {
        String due = rs.getString("due_date");
        String updated = rs.getString("updated_at");
        Map<String, String> refs = JSON.readValue(rs.getString("refs"), new TypeReference<Map<String, String>>() {});
        SyncedWorkItem item = new SyncedWorkItem(
                rs.getString("external_id"),
                rs.getString("kind"),
                rs.getString("title"),
                rs.getString("container"),
                rs.getString("status"),
                rs.getInt("done") == 1,
                due == null ? null : LocalDate.parse(due),
                rs.getInt("assigned_to_me") == 1,
                rs.getString("body"),
                rs.getString("link"),
                updated == null ? null : Timestamps.parse(updated),
                refs);
        return new WorkItem(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("connection_id"),
                rs.getString("connection_name"),
                rs.getString("connector"),
                rs.getString("feed"),
                item,
                Timestamps.parse(rs.getString("synced_at")));
    }
}
