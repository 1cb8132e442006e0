package dev.atom.testing;

import dev.atom.connectors.Connectors;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.workspace.sync.SyncScope;
import dev.atom.workspace.sync.SyncStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a connection's sync feed the way the sync engine does, for feed and store tests: page by page while the
 * feed says {@code more}, optionally into a {@link SyncStore} (sweeping after a full pass).
 */
public final class SyncFeedRun {
    private static final int MAX_PAGES = 200;

    private SyncFeedRun() {}

    /** Every page's changes of one run, the cursor to store, and whether the feed asked for a restart. */
    public record Result(List<SyncChange> changes, String cursor, int pages, boolean restart) {}

    public static SyncFeed feed(Connectors connectors, String connectorId, String feedId) {
        return connectors.connector(connectorId).orElseThrow().syncFeeds().stream()
                .filter(f -> f.id().equals(feedId))
                .findFirst()
                .orElseThrow();
    }

    /** Pages through one run from {@code cursor} (null: a full sync), {@code pageSize} items a page. */
    public static Result run(
            Connectors connectors,
            String workspaceId,
            String connectionId,
            String feedId,
            String cursor,
            int pageSize) {
        return run(connectors, workspaceId, connectionId, feedId, cursor, pageSize, null);
    }

    /** As {@link #run}, applying each page to {@code store}; a full sync then sweeps what it no longer saw. */
    public static Result run(
            Connectors connectors,
            String workspaceId,
            String connectionId,
            String feedId,
            String cursor,
            int pageSize,
            SyncStore store) {
        String connectorId = feedId.substring(0, feedId.indexOf('.'));
        SyncFeed feed = feed(connectors, connectorId, feedId);
        SyncScope scope = new SyncScope(workspaceId, connectionId, connectorId, feedId);
        Instant started = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant end = started.plus(365, ChronoUnit.DAYS);
        List<SyncChange> all = new ArrayList<>();
        String at = cursor;
        int pages = 0;
        while (true) {
            SyncPage page = feed.fetch(
                    connectors.context(workspaceId, connectionId),
                    new SyncRequest(at, started.minus(30, ChronoUnit.DAYS), end, pageSize));
            pages++;
            if (pages > MAX_PAGES) {
                // A feed that never says "no more" would otherwise fill the heap of the whole test JVM.
                throw new AssertionError(feedId + " still had more after " + MAX_PAGES + " pages (cursor " + at + ")");
            }
            if (page.restart()) {
                return new Result(all, null, pages, true);
            }
            all.addAll(page.changes());
            if (store != null) {
                store.apply(scope, page.changes(), Instant.now().truncatedTo(ChronoUnit.MICROS));
            }
            at = page.cursor();
            if (!page.more()) {
                break;
            }
        }
        if (store != null && cursor == null) {
            store.sweep(scope, started);
        }
        return new Result(all, at, pages, false);
    }
}
