package dev.atom.workspace.files;

import dev.atom.connectors.Connector;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedFile;
import dev.atom.connectors.SyncedItem;
import dev.atom.shared.Ids;
import dev.atom.shared.time.Timestamps;
import dev.atom.workspace.search.SearchDocument;
import dev.atom.workspace.search.SearchDocumentsChanged;
import dev.atom.workspace.search.SearchSource;
import dev.atom.workspace.sync.SyncScope;
import dev.atom.workspace.sync.SyncStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The synced files ({@code synced_files}): the sync engine writes pages of changes, search reads them as
 * documents of type {@code file}. A page is one transaction, and {@link SearchDocumentsChanged} follows its
 * commit. A removal whose key is a path ({@code /docs}, as Dropbox keys files) also removes what lies below it:
 * Dropbox reports a deleted folder alone, not its files. Thread-safe (stateless).
 */
@Component
class SyncedFileStore implements SyncStore, SearchSource {
    static final String TYPE = "file";
    /** Text kept per file at most, whatever a connector sends. */
    static final int MAX_TEXT = 100_000;

    private static final String COLUMNS = "id, workspace_id, connection_id, feed_id, external_id, name, path,"
            + " mime_type, size, modified_at, modified_by, link, text";
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final ApplicationEventPublisher events;
    private final Function<String, String> sourceNames;

    @Autowired
    SyncedFileStore(
            JdbcClient jdbc,
            TransactionOperations transactions,
            ApplicationEventPublisher events,
            Connectors connectors) {
        this(
                jdbc,
                transactions,
                events,
                id -> connectors.connector(id).map(Connector::name).orElse(id));
    }

    /** {@code sourceNames} turns a connector id into what search shows as a file's origin. */
    SyncedFileStore(
            JdbcClient jdbc,
            TransactionOperations transactions,
            ApplicationEventPublisher events,
            Function<String, String> sourceNames) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.sourceNames = sourceNames;
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedFile.class;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void apply(SyncScope scope, List<SyncChange> changes, Instant syncedAt) {
        if (changes.isEmpty()) {
            return;
        }
        List<SearchDocument> upserted = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        String source = source(scope.connectorId());
        transactions.executeWithoutResult(tx -> {
            for (SyncChange change : changes) {
                switch (change) {
                    case SyncChange.Upsert u -> {
                        SyncedFile file = capped((SyncedFile) u.item());
                        String id = upsert(scope, file, syncedAt);
                        upserted.add(document(id, scope.workspaceId(), scope.connectionId(), source, file));
                    }
                    case SyncChange.Removed r -> removed.addAll(remove(scope, r.externalId()));
                }
            }
        });
        publish(upserted, removed);
    }

    private static SyncedFile capped(SyncedFile f) {
        if (f.text() == null || f.text().length() <= MAX_TEXT) {
            return f;
        }
        return new SyncedFile(
                f.externalId(),
                f.name(),
                f.path(),
                f.mimeType(),
                f.size(),
                f.modifiedAt(),
                f.modifiedBy(),
                f.link(),
                f.text().substring(0, MAX_TEXT));
    }

    private String upsert(SyncScope scope, SyncedFile f, Instant syncedAt) {
        return jdbc.sql("""
                        INSERT INTO synced_files (id, workspace_id, connection_id, feed_id, external_id, name, path,
                            mime_type, size, modified_at, modified_by, link, text, synced_at)
                        VALUES (:id, :ws, :conn, :feed, :ext, :name, :path, :mime, :size, :modified, :by, :link,
                            :text, :synced)
                        ON CONFLICT (workspace_id, connection_id, feed_id, external_id) DO UPDATE SET
                            name = excluded.name, path = excluded.path, mime_type = excluded.mime_type,
                            size = excluded.size, modified_at = excluded.modified_at,
                            modified_by = excluded.modified_by, link = excluded.link, text = excluded.text,
                            synced_at = excluded.synced_at
                        RETURNING id""")
                .param("id", Ids.newId())
                .param("ws", scope.workspaceId())
                .param("conn", scope.connectionId())
                .param("feed", scope.feedId())
                .param("ext", f.externalId())
                .param("name", f.name() == null ? "" : f.name())
                .param("path", f.path())
                .param("mime", f.mimeType())
                .param("size", f.size())
                .param("modified", f.modifiedAt() == null ? null : Timestamps.format(f.modifiedAt()))
                .param("by", f.modifiedBy())
                .param("link", f.link())
                .param("text", f.text())
                .param("synced", Timestamps.format(syncedAt))
                .query(String.class)
                .single();
    }

    /** Removes the item and, for a path, everything below it; returns the search keys of the removed rows. */
    private List<String> remove(SyncScope scope, String externalId) {
        String below = externalId + "/";
        return jdbc
                .sql("DELETE FROM synced_files WHERE workspace_id = ? AND connection_id = ? AND feed_id = ?"
                        + " AND (external_id = ? OR substr(external_id, 1, ?) = ?) RETURNING id")
                .params(scope.workspaceId(), scope.connectionId(), scope.feedId(), externalId, below.length(), below)
                .query(String.class)
                .list()
                .stream()
                .map(id -> SearchDocumentsChanged.key(TYPE, id))
                .toList();
    }

    @Override
    public int sweep(SyncScope scope, Instant syncStartedAt) {
        List<String> removed = jdbc
                .sql("DELETE FROM synced_files WHERE workspace_id = ? AND connection_id = ?"
                        + " AND feed_id = ? AND synced_at < ? RETURNING id")
                .params(scope.workspaceId(), scope.connectionId(), scope.feedId(), Timestamps.format(syncStartedAt))
                .query(String.class)
                .list()
                .stream()
                .map(id -> SearchDocumentsChanged.key(TYPE, id))
                .toList();
        publish(List.of(), removed);
        return removed.size();
    }

    @Override
    public int removeConnection(String workspaceId, String connectionId) {
        List<String> removed = jdbc
                .sql("DELETE FROM synced_files WHERE workspace_id = ? AND connection_id = ? RETURNING id")
                .params(workspaceId, connectionId)
                .query(String.class)
                .list()
                .stream()
                .map(id -> SearchDocumentsChanged.key(TYPE, id))
                .toList();
        publish(List.of(), removed);
        return removed.size();
    }

    @Override
    public long count(SyncScope scope) {
        return jdbc.sql(
                        "SELECT COUNT(*) FROM synced_files WHERE workspace_id = ? AND connection_id = ? AND feed_id = ?")
                .params(scope.workspaceId(), scope.connectionId(), scope.feedId())
                .query(Long.class)
                .single();
    }

    /** Every synced file of every workspace, in batches by id. */
    @Override
    public void forEach(Consumer<SearchDocument> sink) {
        String after = "";
        while (true) {
            var rows = jdbc.sql("SELECT f.connector, s." + COLUMNS.replace(", ", ", s.")
                            + " FROM synced_files s LEFT JOIN sync_feeds f ON f.workspace_id = s.workspace_id"
                            + " AND f.connection_id = s.connection_id AND f.feed_id = s.feed_id"
                            + " WHERE s.id > ? ORDER BY s.id LIMIT ?")
                    .params(after, BATCH)
                    .query((rs, n) -> document(rs))
                    .list();
            rows.forEach(sink);
            if (rows.size() < BATCH) {
                return;
            }
            after = rows.getLast().id();
        }
    }

    private SearchDocument document(ResultSet rs) throws SQLException {
        String modified = rs.getString("modified_at");
        var file = new SyncedFile(
                rs.getString("external_id"),
                rs.getString("name"),
                rs.getString("path"),
                rs.getString("mime_type"),
                rs.getLong("size"),
                modified == null ? null : Timestamps.parse(modified),
                rs.getString("modified_by"),
                rs.getString("link"),
                rs.getString("text"));
        return document(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("connection_id"),
                source(rs.getString("connector")),
                file);
    }

    private static SearchDocument document(
            String id, String workspaceId, String connectionId, String source, SyncedFile f) {
        return new SearchDocument(
                TYPE,
                id,
                workspaceId,
                connectionId,
                null,
                f.name(),
                f.text() == null ? "" : f.text(),
                source,
                f.modifiedAt(),
                f.link(),
                f.modifiedBy() == null
                        ? Map.of("container", f.path() == null ? "" : f.path())
                        : Map.of("container", f.path() == null ? "" : f.path(), "from", f.modifiedBy()));
    }

    private String source(String connectorId) {
        return connectorId == null ? "" : sourceNames.apply(connectorId);
    }

    private void publish(List<SearchDocument> upserted, List<String> removed) {
        if (!upserted.isEmpty() || !removed.isEmpty()) {
            events.publishEvent(new SearchDocumentsChanged(upserted, removed));
        }
    }
}
