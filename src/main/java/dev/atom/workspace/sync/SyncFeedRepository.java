package dev.atom.workspace.sync;

import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sync state rows ({@code sync_feeds}), one per feed of a connection. Reads for users filter by workspace; the
 * engine's methods address a row by workspace, connection and feed. Thread-safe (stateless).
 */
@Repository
class SyncFeedRepository {
    private static final String COLUMNS = "workspace_id, connection_id, feed_id, connector, cursor, status, items,"
            + " progress_pages, progress_items, full_sync_started_at, last_synced_at, next_run_at, last_error,"
            + " last_error_at, failures";

    private final JdbcClient jdbc;

    SyncFeedRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A connection that has feeds, as the engine finds it in the connections table. */
    record KnownConnection(String workspaceId, String connectionId, String connector, String status) {}

    /** Adds the feed's row (idle, due at {@code now}) unless it exists; true when it was added. */
    boolean ensure(String workspaceId, String connectionId, String connector, String feedId, Instant now) {
        String at = Timestamps.format(now);
        return jdbc.sql("INSERT INTO sync_feeds (workspace_id, connection_id, feed_id, connector, status, next_run_at,"
                                + " created_at, updated_at) VALUES (?, ?, ?, ?, 'idle', ?, ?, ?)"
                                + " ON CONFLICT (workspace_id, connection_id, feed_id) DO NOTHING")
                        .params(workspaceId, connectionId, feedId, connector, at, at, at)
                        .update()
                > 0;
    }

    Optional<FeedState> find(String workspaceId, String connectionId, String feedId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM sync_feeds WHERE workspace_id = ? AND connection_id = ? AND feed_id = ?")
                .params(workspaceId, connectionId, feedId)
                .query(SyncFeedRepository::row)
                .optional();
    }

    /** The connection's feeds, by feed id. */
    List<FeedState> list(String workspaceId, String connectionId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM sync_feeds WHERE workspace_id = ? AND connection_id = ? ORDER BY feed_id")
                .params(workspaceId, connectionId)
                .query(SyncFeedRepository::row)
                .list();
    }

    /**
     * Connections with a feed due at {@code now} that no live lease holds and whose connection does not wait for
     * a reconnect, oldest due first.
     */
    List<KnownConnection> due(Instant now, int limit) {
        String at = Timestamps.format(now);
        return jdbc.sql("""
                        SELECT f.workspace_id, f.connection_id, MIN(f.connector) AS connector, MIN(c.status) AS status
                        FROM sync_feeds f
                        JOIN connections c ON c.id = f.connection_id AND c.workspace_id = f.workspace_id
                        LEFT JOIN sync_leases l ON l.connection_id = f.connection_id AND l.lease_until > ?
                        WHERE f.next_run_at <= ? AND f.status <> 'needs_reconnect'
                          AND c.status <> 'needs_reconnect' AND l.connection_id IS NULL
                        GROUP BY f.workspace_id, f.connection_id
                        ORDER BY MIN(f.next_run_at)
                        LIMIT ?""")
                .params(at, at, limit)
                .query((rs, n) ->
                        new KnownConnection(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** Every connection of every workspace whose connector is one of {@code connectors} (feed rows are made). */
    List<KnownConnection> connectionsOf(List<String> connectors) {
        if (connectors.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT workspace_id, id, connector, status FROM connections WHERE connector IN (:connectors)")
                .param("connectors", connectors)
                .query((rs, n) ->
                        new KnownConnection(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** Connections that have feed rows but no longer exist (removed while no instance listened). */
    List<KnownConnection> orphans() {
        return jdbc.sql("""
                        SELECT DISTINCT f.workspace_id, f.connection_id, f.connector, 'removed'
                        FROM sync_feeds f
                        WHERE NOT EXISTS (SELECT 1 FROM connections c
                                          WHERE c.id = f.connection_id AND c.workspace_id = f.workspace_id)""")
                .query((rs, n) ->
                        new KnownConnection(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** A sync of the feed begins: syncing, progress from zero; a full one also stamps its start. */
    void begin(FeedState feed, boolean full, Instant now) {
        String at = Timestamps.format(now);
        jdbc.sql("UPDATE sync_feeds SET status = 'syncing', progress_pages = 0, progress_items = 0,"
                        + " full_sync_started_at = CASE WHEN ? = 1 THEN COALESCE(full_sync_started_at, ?)"
                        + " ELSE full_sync_started_at END, updated_at = ?"
                        + " WHERE workspace_id = ? AND connection_id = ? AND feed_id = ?")
                .params(full ? 1 : 0, at, at, feed.workspaceId(), feed.connectionId(), feed.feedId())
                .update();
    }

    /** The stored cursor expired: forget it and start a full sync now. */
    void restart(FeedState feed, Instant now) {
        String at = Timestamps.format(now);
        jdbc.sql("UPDATE sync_feeds SET cursor = NULL, full_sync_started_at = ?, updated_at = ?"
                        + " WHERE workspace_id = ? AND connection_id = ? AND feed_id = ?")
                .params(at, at, feed.workspaceId(), feed.connectionId(), feed.feedId())
                .update();
    }

    /** A page was applied: its cursor and the progress so far. */
    void pageDone(FeedState feed, String cursor, int pages, long items, Instant now) {
        jdbc.sql("UPDATE sync_feeds SET cursor = ?, progress_pages = ?, progress_items = ?, updated_at = ?"
                        + " WHERE workspace_id = ? AND connection_id = ? AND feed_id = ?")
                .params(
                        cursor,
                        pages,
                        items,
                        Timestamps.format(now),
                        feed.workspaceId(),
                        feed.connectionId(),
                        feed.feedId())
                .update();
    }

    /** The sync ended well: idle, the item count, no error, no full sync pending, next run. */
    void finish(FeedState feed, long items, Instant now, Instant nextRun) {
        String at = Timestamps.format(now);
        jdbc.sql("UPDATE sync_feeds SET status = 'idle', items = ?, full_sync_started_at = NULL,"
                        + " last_synced_at = ?, next_run_at = ?, last_error = NULL, last_error_at = NULL,"
                        + " failures = 0, updated_at = ? WHERE workspace_id = ? AND connection_id = ? AND feed_id = ?")
                .params(
                        items,
                        at,
                        Timestamps.format(nextRun),
                        at,
                        feed.workspaceId(),
                        feed.connectionId(),
                        feed.feedId())
                .update();
    }

    /** The sync failed: the reason (safe to show), one more failure, and when to try again. */
    void fail(FeedState feed, String error, Instant now, Instant nextRun) {
        String at = Timestamps.format(now);
        jdbc.sql("UPDATE sync_feeds SET status = 'error', last_error = ?, last_error_at = ?, next_run_at = ?,"
                        + " failures = failures + 1, updated_at = ?"
                        + " WHERE workspace_id = ? AND connection_id = ? AND feed_id = ?")
                .params(
                        error,
                        at,
                        Timestamps.format(nextRun),
                        at,
                        feed.workspaceId(),
                        feed.connectionId(),
                        feed.feedId())
                .update();
    }

    /** The connection's credentials were refused: every feed of it waits for a reconnect. */
    void needsReconnect(String workspaceId, String connectionId, String reason, Instant now) {
        String at = Timestamps.format(now);
        jdbc.sql("UPDATE sync_feeds SET status = 'needs_reconnect', last_error = ?, last_error_at = ?,"
                        + " next_run_at = NULL, updated_at = ? WHERE workspace_id = ? AND connection_id = ?")
                .params(reason, at, at, workspaceId, connectionId)
                .update();
    }

    /** Every feed of the connection is due now (sync now, a reconnect); a waiting one becomes idle again. */
    int runSoon(String workspaceId, String connectionId, Instant now) {
        String at = Timestamps.format(now);
        return jdbc.sql("UPDATE sync_feeds SET next_run_at = ?, failures = 0,"
                        + " status = CASE WHEN status = 'needs_reconnect' THEN 'idle' ELSE status END,"
                        + " updated_at = ? WHERE workspace_id = ? AND connection_id = ?")
                .params(at, at, workspaceId, connectionId)
                .update();
    }

    /**
     * The service said something changed (a webhook): the connection's healthy feeds are due now. Unlike
     * {@link #runSoon} it never cuts short a back-off after errors nor wakes a feed waiting for a reconnect, so a
     * stream of deliveries cannot hammer a failing service. Returns how many feeds became due.
     */
    int changedUpstream(String workspaceId, String connectionId, Instant now) {
        String at = Timestamps.format(now);
        return jdbc.sql("UPDATE sync_feeds SET next_run_at = ?, updated_at = ? WHERE workspace_id = ?"
                        + " AND connection_id = ? AND failures = 0 AND status <> 'needs_reconnect'"
                        + " AND next_run_at > ?")
                .params(at, at, workspaceId, connectionId, at)
                .update();
    }

    /**
     * Follows the connections' own status: feeds of a connection marked needs_reconnect elsewhere (a refused token
     * refresh, a workflow's call) wait too; feeds waiting on a connection that works again (reconnected on another
     * instance, a passing health check) are due now. Returns how many rows changed.
     */
    int followConnectionStatus(Instant now) {
        String at = Timestamps.format(now);
        int waiting = jdbc.sql("""
                        UPDATE sync_feeds SET status = 'needs_reconnect', next_run_at = NULL, updated_at = ?,
                            last_error = (SELECT c.status_reason FROM connections c WHERE c.id = sync_feeds.connection_id)
                        WHERE status <> 'needs_reconnect' AND EXISTS (SELECT 1 FROM connections c
                            WHERE c.id = sync_feeds.connection_id AND c.status = 'needs_reconnect')""").params(at).update();
        int resumed = jdbc.sql("""
                        UPDATE sync_feeds SET status = 'idle', next_run_at = ?, failures = 0, updated_at = ?
                        WHERE status = 'needs_reconnect' AND EXISTS (SELECT 1 FROM connections c
                            WHERE c.id = sync_feeds.connection_id AND c.status = 'connected')""").params(at, at).update();
        return waiting + resumed;
    }

    /** The connection was removed: its rows go. */
    int delete(String workspaceId, String connectionId) {
        return jdbc.sql("DELETE FROM sync_feeds WHERE workspace_id = ? AND connection_id = ?")
                .params(workspaceId, connectionId)
                .update();
    }

    private static FeedState row(ResultSet rs, int n) throws SQLException {
        return new FeedState(
                rs.getString("workspace_id"),
                rs.getString("connection_id"),
                rs.getString("feed_id"),
                rs.getString("connector"),
                rs.getString("cursor"),
                rs.getString("status"),
                rs.getLong("items"),
                rs.getInt("progress_pages"),
                rs.getLong("progress_items"),
                instant(rs, "full_sync_started_at"),
                instant(rs, "last_synced_at"),
                instant(rs, "next_run_at"),
                rs.getString("last_error"),
                instant(rs, "last_error_at"),
                rs.getInt("failures"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : Timestamps.parse(text);
    }
}
