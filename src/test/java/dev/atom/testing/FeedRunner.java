package dev.atom.testing;

import dev.atom.connectors.Connectors;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.workspace.sync.SyncScope;
import dev.atom.workspace.sync.SyncStore;
import java.time.Instant;
import java.util.List;

/**
 * Runs a connector's sync feed into a store page by page, as the sync engine will: a restart (expired cursor)
 * syncs from scratch and then sweeps what the full sync no longer saw. For feed tests; not the engine.
 */
public record FeedRunner(Connectors connectors, List<SyncStore> stores) {

    /** The result of one sync: the cursor to keep and how many pages it took. */
    public record Run(String cursor, int pages, boolean restarted) {}

    public Run sync(
            String workspaceId,
            String connectionId,
            String connectorId,
            String feedId,
            String cursor,
            Instant windowStart,
            Instant windowEnd,
            int pageSize) {
        SyncFeed feed = connectors.connector(connectorId).orElseThrow().syncFeeds().stream()
                .filter(f -> f.id().equals(feedId))
                .findFirst()
                .orElseThrow();
        SyncStore store = stores.stream()
                .filter(s -> s.itemType().equals(feed.itemType()))
                .findFirst()
                .orElseThrow();
        SyncScope scope = new SyncScope(workspaceId, connectionId, connectorId, feedId);
        var context = connectors.context(workspaceId, connectionId);
        Instant started = Instant.now();
        boolean full = cursor == null;
        boolean restarted = false;
        int pages = 0;
        while (pages < 1000) {
            SyncPage page = feed.fetch(context, new SyncRequest(cursor, windowStart, windowEnd, pageSize));
            pages++;
            if (page.restart()) {
                cursor = null;
                full = true;
                restarted = true;
                started = Instant.now();
                continue;
            }
            store.apply(scope, page.changes(), Instant.now());
            cursor = page.cursor();
            if (!page.more()) {
                break;
            }
        }
        if (full) {
            store.sweep(scope, started);
        }
        return new Run(cursor, pages, restarted);
    }
}
