package dev.atom.workspace.sync;

import java.time.Instant;

/**
 * The sync state of one feed of a connection, as stored: where its change feed continues ({@code cursor}), what
 * the Sync panel shows and when it runs next.
 *
 * @param status idle, syncing, error or needs_reconnect
 * @param items how many items the store held after the last sync
 * @param progressPages pages fetched by the running (or last) sync
 * @param progressItems changes applied by the running (or last) sync
 * @param fullSyncStartedAt set while a full sync runs (first sync, or after an expired cursor); what the store
 *     did not see again since then is swept when it ends
 * @param nextRunAt when the engine syncs it next; null while it waits for a reconnect
 * @param failures errors in a row, for the back-off
 */
record FeedState(
        String workspaceId,
        String connectionId,
        String feedId,
        String connector,
        String cursor,
        String status,
        long items,
        int progressPages,
        long progressItems,
        Instant fullSyncStartedAt,
        Instant lastSyncedAt,
        Instant nextRunAt,
        String lastError,
        Instant lastErrorAt,
        int failures) {

    static final String IDLE = "idle";
    static final String SYNCING = "syncing";
    static final String ERROR = "error";
    static final String NEEDS_RECONNECT = "needs_reconnect";

    SyncScope scope() {
        return new SyncScope(workspaceId, connectionId, connector, feedId);
    }

    /** True while the first sync (or a full resync) has not finished. */
    boolean fullSyncRunning() {
        return fullSyncStartedAt != null;
    }
}
