package dev.atom.workspace.sync;

import dev.atom.connectors.Connector;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.SyncFeed;
import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * What the Sync panel and API do for a caller: read a connection's sync state and ask for a sync now. A
 * connection the caller may not use is 404, as if it did not exist (another workspace's, another member's private
 * one: its sync state says what it holds). Thread-safe.
 */
@Service
class SyncService {
    private final Connectors connectors;
    private final SyncEngine engine;
    private final SyncFeedRepository feeds;
    private final SyncScheduler scheduler;
    private final Clock clock;

    SyncService(
            Connectors connectors, SyncEngine engine, SyncFeedRepository feeds, SyncScheduler scheduler, Clock clock) {
        this.connectors = connectors;
        this.engine = engine;
        this.feeds = feeds;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    SyncStatusJson status(CurrentUser user, String connectionId) {
        var connection = visible(user, connectionId);
        engine.track(user.workspaceId(), connectionId, connection.connector());
        Map<String, String> types =
                connectors.connector(connection.connector()).map(Connector::syncFeeds).orElse(List.of()).stream()
                        .collect(Collectors.toMap(
                                SyncFeed::id, f -> kind(f.itemType().getSimpleName())));
        List<SyncStatusJson.Feed> list = feeds.list(user.workspaceId(), connectionId).stream()
                .filter(f -> types.containsKey(f.feedId()))
                .map(f -> SyncStatusJson.of(f, types.get(f.feedId())))
                .toList();
        return new SyncStatusJson(connectionId, list);
    }

    /** Every feed of the connection is due now; the scheduler is woken. */
    SyncStatusJson syncNow(CurrentUser user, String connectionId) {
        var connection = visible(user, connectionId);
        engine.track(user.workspaceId(), connectionId, connection.connector());
        feeds.runSoon(user.workspaceId(), connectionId, clock.instant());
        scheduler.wake();
        return status(user, connectionId);
    }

    private Connectors.ConnectionInfo visible(CurrentUser user, String connectionId) {
        return connectors
                .connection(new Connectors.Caller(user.workspaceId(), user.userId()), connectionId)
                .orElseThrow(() -> ApiException.notFound("Connection"));
    }

    /** SyncedFile -> file, SyncedWorkItem -> work_item. */
    private static String kind(String recordName) {
        String name = recordName.startsWith("Synced") ? recordName.substring("Synced".length()) : recordName;
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
