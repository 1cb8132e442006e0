package dev.atom.workspace.sync;

import dev.atom.connectors.ConnectionLifecycle;
import dev.atom.connectors.ConnectionNeedsReconnect;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the sync rows in step with the connections module's events: a new connection gets its rows and syncs
 * soon, a reconnected one syncs again, a removed one loses everything synced from it, and one whose credentials
 * were refused elsewhere waits for a reconnect.
 */
@Component
class SyncConnectionEvents {
    private final SyncEngine engine;
    private final SyncFeedRepository feeds;
    private final SyncScheduler scheduler;
    private final Clock clock;

    SyncConnectionEvents(SyncEngine engine, SyncFeedRepository feeds, SyncScheduler scheduler, Clock clock) {
        this.engine = engine;
        this.feeds = feeds;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @EventListener
    void on(ConnectionLifecycle event) {
        switch (event) {
            case ConnectionLifecycle.Created c -> {
                if (engine.track(c.workspaceId(), c.connectionId(), c.connector())) {
                    scheduler.wake();
                }
            }
            case ConnectionLifecycle.Reconnected r -> {
                feeds.runSoon(r.workspaceId(), r.connectionId(), clock.instant());
                scheduler.wake();
            }
            case ConnectionLifecycle.Removed r -> engine.forget(r.workspaceId(), r.connectionId());
        }
    }

    @EventListener
    void on(ConnectionNeedsReconnect event) {
        feeds.needsReconnect(event.workspaceId(), event.connectionId(), event.reason(), clock.instant());
    }
}
