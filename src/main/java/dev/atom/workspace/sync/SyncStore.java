package dev.atom.workspace.sync;

import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedItem;
import java.time.Instant;
import java.util.List;

/**
 * Where the sync engine puts one kind of synced item (events, messages, files, work items): one Spring bean per
 * {@link #itemType()}, owned by the feature that reads it (calendar, inbox, tasks, files). Rows carry the
 * workspace, connection and feed; who may read them is decided at read time from the connection's owner and
 * visibility, so a visibility change applies at once without rewriting rows. Thread-safe.
 */
public interface SyncStore {

    Class<? extends SyncedItem> itemType();

    /**
     * Applies one page of changes (upserts carry {@link #itemType()}); every row written is stamped {@code
     * syncedAt} so {@link #sweep} can tell what a full resync no longer saw. Idempotent: a page applied twice
     * (a crash before the cursor was saved) leaves the same rows.
     */
    void apply(SyncScope scope, List<SyncChange> changes, Instant syncedAt);

    /** After a full resync: removes the feed's rows stamped before {@code syncStartedAt}; returns how many. */
    int sweep(SyncScope scope, Instant syncStartedAt);

    /** The connection was removed: deletes everything synced from it; returns how many rows. */
    int removeConnection(String workspaceId, String connectionId);

    /** How many items the feed holds now (the Sync panel shows it). */
    long count(SyncScope scope);
}
