package dev.atom.workspace.sync;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/connections/{id}/sync}: each feed's sync state as the Sync panel shows it.
 *
 * @param feeds empty when the connection's connector keeps no local copy
 */
record SyncStatusJson(String connection, List<Feed> feeds) {

    /**
     * @param progress pages and items of the running sync (or the last one); {@code firstSync} while the first
     *     (or a full) sync has not finished
     */
    record Feed(
            String id,
            String itemType,
            String status,
            long items,
            Progress progress,
            Instant lastSyncedAt,
            Instant nextRunAt,
            String lastError,
            Instant lastErrorAt) {}

    record Progress(int pages, long items, boolean firstSync) {}

    static Feed of(FeedState f, String itemType) {
        return new Feed(
                f.feedId(),
                itemType,
                f.status(),
                f.items(),
                new Progress(f.progressPages(), f.progressItems(), f.fullSyncRunning()),
                f.lastSyncedAt(),
                f.nextRunAt(),
                f.lastError(),
                f.lastErrorAt());
    }
}
