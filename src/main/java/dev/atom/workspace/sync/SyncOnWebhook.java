package dev.atom.workspace.sync;

import dev.atom.connectors.Connectors;
import dev.atom.connectors.WebhookDelivered;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Webhook-driven sync: a verified delivery from a service (a Slack event, a GitHub or Trello webhook) for a
 * connection makes that connection's feeds due now and wakes the scheduler, so the change shows up here without
 * waiting for the next poll. A connection waiting for a reconnect keeps waiting: only its owner's reconnect, not a
 * delivery, may start it again. Thread-safe (stateless).
 */
@Component
class SyncOnWebhook {
    private final Connectors connectors;
    private final SyncEngine engine;
    private final SyncFeedRepository feeds;
    private final SyncScheduler scheduler;
    private final Clock clock;

    SyncOnWebhook(
            Connectors connectors, SyncEngine engine, SyncFeedRepository feeds, SyncScheduler scheduler, Clock clock) {
        this.connectors = connectors;
        this.engine = engine;
        this.feeds = feeds;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @EventListener
    void on(WebhookDelivered delivery) {
        // the system's own look at the connection (whose it is does not matter: its rows are filtered when read)
        var connection = connectors.connection(delivery.workspaceId(), delivery.connectionId());
        if (connection.isEmpty() || !"connected".equals(connection.get().status())) {
            return;
        }
        engine.track(
                delivery.workspaceId(),
                delivery.connectionId(),
                connection.get().connector());
        if (feeds.changedUpstream(delivery.workspaceId(), delivery.connectionId(), clock.instant()) > 0) {
            scheduler.wake();
        }
    }
}
