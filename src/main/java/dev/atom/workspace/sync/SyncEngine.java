package dev.atom.workspace.sync;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.Connector;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.UnknownReference;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps a local copy of every connection whose connector offers {@link Connector#syncFeeds()}: makes a state row
 * per feed, and syncs a connection only while holding its lease (one instance at a time when several share
 * PostgreSQL), feed after feed, through {@link Connectors#context} so calls share the connection's rate limiter.
 * What one feed's sync does is {@link FeedSync}'s. Thread-safe.
 */
@Component
class SyncEngine {
    private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

    private final Connectors connectors;
    private final SyncFeedRepository feeds;
    private final SyncLeaseRepository leases;
    private final SyncStores stores;
    private final SyncProperties properties;
    private final Clock clock;
    private final String owner = "sync-" + UUID.randomUUID();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    SyncEngine(
            Connectors connectors,
            SyncFeedRepository feeds,
            SyncLeaseRepository leases,
            SyncStores stores,
            SyncProperties properties,
            Clock clock) {
        this.connectors = connectors;
        this.feeds = feeds;
        this.leases = leases;
        this.stores = stores;
        this.properties = properties;
        this.clock = clock;
    }

    /** This engine's lease owner (one per instance). */
    String owner() {
        return owner;
    }

    /** The sync feeds of each connector that has any, by connector id. */
    Map<String, List<SyncFeed>> feedsByConnector() {
        return connectors.all().stream()
                .filter(c -> !c.syncFeeds().isEmpty())
                .collect(Collectors.toMap(Connector::id, Connector::syncFeeds));
    }

    /** Makes the connection's feed rows (due now) if its connector has feeds; true when a row was added. */
    boolean track(String workspaceId, String connectionId, String connectorId) {
        List<SyncFeed> list =
                connectors.connector(connectorId).map(Connector::syncFeeds).orElse(List.of());
        boolean added = false;
        for (SyncFeed feed : list) {
            added |= feeds.ensure(workspaceId, connectionId, connectorId, feed.id(), clock.instant());
        }
        return added;
    }

    /**
     * Brings the rows in line with the connections: rows for connections that have none (made before this
     * version, or by another instance), removal of what was synced from connections that are gone, and the
     * connections' needs-reconnect status followed both ways.
     */
    void reconcile() {
        Map<String, List<SyncFeed>> byConnector = feedsByConnector();
        for (var c : feeds.connectionsOf(List.copyOf(byConnector.keySet()))) {
            for (SyncFeed feed : byConnector.get(c.connector())) {
                feeds.ensure(c.workspaceId(), c.connectionId(), c.connector(), feed.id(), clock.instant());
            }
        }
        for (var gone : feeds.orphans()) {
            forget(gone.workspaceId(), gone.connectionId());
        }
        feeds.followConnectionStatus(clock.instant());
    }

    /** Connections with a due feed and no live lease, at most {@code limit}. */
    List<SyncFeedRepository.KnownConnection> due(int limit) {
        return feeds.due(clock.instant(), limit);
    }

    /** The connection was removed: everything synced from it, and its rows, go. */
    void forget(String workspaceId, String connectionId) {
        int rows = stores.removeConnection(workspaceId, connectionId);
        feeds.delete(workspaceId, connectionId);
        log.info("removed {} synced items of connection {}", rows, connectionId);
    }

    /**
     * Syncs the connection's due feeds here and now if this engine can claim it; false when it is being synced
     * already (by this instance or another).
     */
    boolean syncConnection(String workspaceId, String connectionId) {
        if (!inFlight.add(connectionId)) {
            return false;
        }
        try {
            Instant now = clock.instant();
            if (!leases.claim(workspaceId, connectionId, owner, now, now.plus(properties.lease()))) {
                return false;
            }
            try {
                syncClaimed(workspaceId, connectionId);
            } finally {
                leases.release(connectionId, owner);
            }
            return true;
        } finally {
            inFlight.remove(connectionId);
        }
    }

    private void syncClaimed(String workspaceId, String connectionId) {
        var info = connectors.connection(workspaceId, connectionId).orElse(null);
        if (info == null) {
            forget(workspaceId, connectionId);
            return;
        }
        if ("needs_reconnect".equals(info.status())) {
            feeds.needsReconnect(workspaceId, connectionId, info.statusReason(), clock.instant());
            return;
        }
        Connector connector = connectors.connector(info.connector()).orElse(null);
        if (connector == null) {
            return;
        }
        track(workspaceId, connectionId, connector.id());
        ActionContext context;
        try {
            context = connectors.context(workspaceId, connectionId);
        } catch (UnknownReference e) {
            return; // removed meanwhile; its removal event cleans up
        }
        var sync = new FeedSync(connectors, feeds, leases, properties, clock, owner);
        for (SyncFeed feed : connector.syncFeeds()) {
            FeedState state = feeds.find(workspaceId, connectionId, feed.id()).orElse(null);
            if (state == null
                    || FeedState.NEEDS_RECONNECT.equals(state.status())
                    || state.nextRunAt() == null
                    || state.nextRunAt().isAfter(clock.instant())) {
                continue;
            }
            var store = stores.of(feed.itemType()).orElse(null);
            if (store == null) {
                Instant now = clock.instant();
                feeds.fail(
                        state,
                        "this Atom keeps no " + feed.itemType().getSimpleName() + " items yet",
                        now,
                        now.plus(properties.maxBackoff()));
                continue;
            }
            if (sync.run(context, feed, store, state) == FeedSync.Result.STOP) {
                return; // the credentials were refused, or the lease was lost: no other feed either
            }
        }
    }
}
