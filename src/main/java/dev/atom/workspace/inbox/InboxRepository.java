package dev.atom.workspace.inbox;

import dev.atom.connectors.SyncedMessage;
import dev.atom.shared.Ids;
import dev.atom.shared.db.SqlDialect;
import dev.atom.shared.time.Timestamps;
import dev.atom.workspace.sync.SyncScope;
import dev.atom.workspace.sync.VisibleConnections;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Synced messages and each user's snoozes. Writes are keyed by (workspace, connection, feed, external id); every
 * read is for a viewer and joins the row's connection through {@link VisibleConnections}, so another member's
 * private mail behaves as if it did not exist. Thread-safe (stateless); callers own the transactions.
 */
@Repository
class InboxRepository {
    private final JdbcClient jdbc;
    private final SqlDialect dialect;

    InboxRepository(JdbcClient jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** One page and the cursor of the next (null on the last). */
    record Page(List<InboxMessage> items, String nextCursor) {}

    /** Inserts or replaces the message; returns Atom's id for it (kept across updates). */
    String upsert(SyncScope scope, SyncedMessage m, Instant syncedAt) {
        Map<String, Object> p = InboxRows.params(m);
        p.put("id", Ids.newId());
        p.put("ws", scope.workspaceId());
        p.put("conn", scope.connectionId());
        p.put("connector", scope.connectorId());
        p.put("feed", scope.feedId());
        p.put("syncedAt", Timestamps.format(syncedAt));
        jdbc.sql("""
                INSERT INTO inbox_messages (id, workspace_id, connection_id, connector_id, feed_id, external_id, kind,
                    thread_id, folder, from_address, from_name, to_list, cc_list, reply_to, subject, snippet,
                    body_text, received_at, unread, from_me, direct_to_me, mentions_me, labels, message_id_header,
                    references_header, link, problem, synced_at)
                VALUES (:id, :ws, :conn, :connector, :feed, :externalId, :kind, :threadId, :folder, :fromAddress,
                    :fromName, :to, :cc, :replyTo, :subject, :snippet, :body, :receivedAt, :unread, :fromMe,
                    :direct, :mentions, :labels, :messageId, :references, :link, :problem, :syncedAt)
                ON CONFLICT (workspace_id, connection_id, feed_id, external_id) DO UPDATE SET
                    kind = excluded.kind, thread_id = excluded.thread_id, folder = excluded.folder,
                    from_address = excluded.from_address, from_name = excluded.from_name,
                    to_list = excluded.to_list, cc_list = excluded.cc_list, reply_to = excluded.reply_to,
                    subject = excluded.subject, snippet = excluded.snippet, body_text = excluded.body_text,
                    received_at = excluded.received_at, unread = excluded.unread, from_me = excluded.from_me,
                    direct_to_me = excluded.direct_to_me, mentions_me = excluded.mentions_me,
                    labels = excluded.labels, message_id_header = excluded.message_id_header,
                    references_header = excluded.references_header, link = excluded.link,
                    problem = excluded.problem, synced_at = excluded.synced_at
                """).params(p).update();
        return jdbc.sql("SELECT id FROM inbox_messages WHERE workspace_id = :ws AND connection_id = :conn"
                        + " AND feed_id = :feed AND external_id = :externalId")
                .params(p)
                .query(String.class)
                .single();
    }

    /** Removes the message; returns Atom's id for it when there was one. */
    Optional<String> remove(SyncScope scope, String externalId) {
        Optional<String> id = jdbc.sql("SELECT id FROM inbox_messages WHERE workspace_id = :ws AND connection_id ="
                        + " :conn AND feed_id = :feed AND external_id = :externalId")
                .params(scopeParams(scope))
                .param("externalId", externalId)
                .query(String.class)
                .optional();
        id.ifPresent(this::deleteById);
        return id;
    }

    /** Removes the feed's rows synced before {@code before}; returns their ids. */
    List<String> sweep(SyncScope scope, Instant before) {
        List<String> ids = jdbc.sql("SELECT id FROM inbox_messages WHERE workspace_id = :ws AND connection_id ="
                        + " :conn AND feed_id = :feed AND synced_at < :before")
                .params(scopeParams(scope))
                .param("before", Timestamps.format(before))
                .query(String.class)
                .list();
        ids.forEach(this::deleteById);
        return ids;
    }

    /** Removes everything synced from the connection, with the contacts learnt from it; returns the ids. */
    List<String> removeConnection(String workspaceId, String connectionId) {
        List<String> ids = jdbc.sql("SELECT id FROM inbox_messages WHERE workspace_id = :ws AND connection_id = :conn")
                .param("ws", workspaceId)
                .param("conn", connectionId)
                .query(String.class)
                .list();
        jdbc.sql("DELETE FROM inbox_snoozes WHERE message_id IN (SELECT id FROM inbox_messages"
                        + " WHERE workspace_id = :ws AND connection_id = :conn)")
                .param("ws", workspaceId)
                .param("conn", connectionId)
                .update();
        jdbc.sql("DELETE FROM inbox_messages WHERE workspace_id = :ws AND connection_id = :conn")
                .param("ws", workspaceId)
                .param("conn", connectionId)
                .update();
        jdbc.sql("DELETE FROM inbox_contacts WHERE workspace_id = :ws AND connection_id = :conn")
                .param("ws", workspaceId)
                .param("conn", connectionId)
                .update();
        return ids;
    }

    long count(SyncScope scope) {
        return jdbc.sql("SELECT COUNT(*) FROM inbox_messages WHERE workspace_id = :ws AND connection_id = :conn"
                        + " AND feed_id = :feed")
                .params(scopeParams(scope))
                .query(Long.class)
                .single();
    }

    /** The owner of a connection of the workspace (whose contacts its sent mail teaches), if it exists. */
    Optional<String> connectionOwner(String workspaceId, String connectionId) {
        return jdbc.sql("SELECT created_by FROM connections WHERE id = :conn AND workspace_id = :ws")
                .param("ws", workspaceId)
                .param("conn", connectionId)
                .query(String.class)
                .optional();
    }

    /** The viewer's inbox, newest first: visible connections only, not archived, not snoozed at {@code now}. */
    Page list(String workspaceId, String viewer, InboxQuery q, Instant now) {
        Map<String, Object> p = viewerParams(workspaceId, viewer);
        p.put("now", Timestamps.format(now));
        StringBuilder sql = new StringBuilder(InboxRows.select(true)).append(" AND m.archived = 0 AND m.from_me = 0");
        sql.append(" AND NOT EXISTS (SELECT 1 FROM inbox_snoozes s WHERE s.user_id = :viewer AND s.message_id = m.id"
                + " AND s.until_at > :now)");
        if (q.connectorId() != null) {
            sql.append(" AND m.connector_id = :connector");
            p.put("connector", q.connectorId());
        }
        if (q.connectionId() != null) {
            sql.append(" AND m.connection_id = :conn");
            p.put("conn", q.connectionId());
        }
        if (q.unread() != null) {
            sql.append(" AND m.unread = ").append(q.unread() ? 1 : 0);
        }
        if (q.important() != null) {
            sql.append(q.important() ? " AND " : " AND NOT ").append(InboxRows.IMPORTANT);
        }
        if (q.text() != null) {
            sql.append(" AND (")
                    .append(dialect.containsIgnoreCase("m.subject", "q"))
                    .append(" OR ")
                    .append(dialect.containsIgnoreCase("m.from_address", "q"))
                    .append(" OR ")
                    .append(dialect.containsIgnoreCase("m.from_name", "q"))
                    .append(" OR ")
                    .append(dialect.containsIgnoreCase("m.snippet", "q"))
                    .append(')');
            p.put("q", SqlDialect.escapeLike(q.text()));
        }
        if (q.after() != null) {
            // the first condition alone is an index range (an OR of both keeps the index from seeking past the
            // newer rows, so a deep page scanned every row above it)
            sql.append(" AND m.received_at <= :afterAt AND (m.received_at < :afterAt OR m.id < :afterId)");
            p.put("afterAt", Timestamps.format(q.after().receivedAt()));
            p.put("afterId", q.after().id());
        }
        sql.append(" ORDER BY m.received_at DESC, m.id DESC LIMIT :limit");
        p.put("limit", q.limit() + 1);
        List<InboxMessage> rows =
                jdbc.sql(sql.toString()).params(p).query(InboxRows::row).list();
        if (rows.size() <= q.limit()) {
            return new Page(rows, null);
        }
        List<InboxMessage> items = rows.subList(0, q.limit());
        InboxMessage last = items.getLast();
        return new Page(List.copyOf(items), new InboxCursor(last.message().receivedAt(), last.id()).encode());
    }

    /** One message the viewer may see (archived and snoozed ones too), with its body. */
    Optional<InboxMessage> find(String workspaceId, String viewer, String id) {
        return jdbc.sql(InboxRows.select(true) + " AND m.id = :id")
                .params(viewerParams(workspaceId, viewer))
                .param("id", id)
                .query(InboxRows::row)
                .optional();
    }

    /** The thread of {@code m} (itself when it has no thread id), oldest first. */
    List<InboxMessage> thread(String viewer, InboxMessage m) {
        if (m.message().threadId() == null) {
            return List.of(m);
        }
        return jdbc.sql(InboxRows.select(true)
                        + " AND m.connection_id = :conn AND m.thread_id = :thread ORDER BY m.received_at, m.id")
                .params(viewerParams(m.workspaceId(), viewer))
                .param("conn", m.connectionId())
                .param("thread", m.message().threadId())
                .query(InboxRows::row)
                .list();
    }

    /** Sets the read state of a message; false when it does not exist. */
    boolean setUnread(String workspaceId, String id, boolean unread) {
        return jdbc.sql("UPDATE inbox_messages SET unread = :unread WHERE id = :id AND workspace_id = :ws")
                        .param("unread", unread ? 1 : 0)
                        .param("id", id)
                        .param("ws", workspaceId)
                        .update()
                > 0;
    }

    boolean setArchived(String workspaceId, String id, boolean archived) {
        return jdbc.sql("UPDATE inbox_messages SET archived = :archived WHERE id = :id AND workspace_id = :ws")
                        .param("archived", archived ? 1 : 0)
                        .param("id", id)
                        .param("ws", workspaceId)
                        .update()
                > 0;
    }

    /** Hides the message from {@code userId} until {@code until} (replacing an earlier snooze). */
    void snooze(String workspaceId, String userId, String messageId, Instant until) {
        jdbc.sql("""
                INSERT INTO inbox_snoozes (workspace_id, user_id, message_id, until_at) VALUES (:ws, :user, :id, :until)
                ON CONFLICT (user_id, message_id) DO UPDATE SET until_at = excluded.until_at
                """)
                .param("ws", workspaceId)
                .param("user", userId)
                .param("id", messageId)
                .param("until", Timestamps.format(until))
                .update();
    }

    /** Until when the user snoozed the message, if it still is at {@code now}. */
    Optional<Instant> snoozedUntil(String userId, String messageId, Instant now) {
        return jdbc.sql("SELECT until_at FROM inbox_snoozes WHERE user_id = :user AND message_id = :id"
                        + " AND until_at > :now")
                .param("user", userId)
                .param("id", messageId)
                .param("now", Timestamps.format(now))
                .query(String.class)
                .optional()
                .map(Timestamps::parse);
    }

    /** Every message of every workspace with the connection it came from, in id order (search rebuilds). */
    void forEach(Consumer<InboxMessage> sink) {
        try (var rows = jdbc.sql(InboxRows.select(false) + " ORDER BY m.id").query(InboxRows::row).stream()) {
            rows.forEach(sink);
        }
    }

    private void deleteById(String id) {
        jdbc.sql("DELETE FROM inbox_snoozes WHERE message_id = :id")
                .param("id", id)
                .update();
        jdbc.sql("DELETE FROM inbox_messages WHERE id = :id").param("id", id).update();
    }

    private static Map<String, Object> scopeParams(SyncScope scope) {
        Map<String, Object> p = new HashMap<>();
        p.put("ws", scope.workspaceId());
        p.put("conn", scope.connectionId());
        p.put("feed", scope.feedId());
        return p;
    }

    private static Map<String, Object> viewerParams(String workspaceId, String viewer) {
        Map<String, Object> p = new HashMap<>();
        p.put("ws", workspaceId);
        p.put("viewer", viewer);
        return p;
    }
}
