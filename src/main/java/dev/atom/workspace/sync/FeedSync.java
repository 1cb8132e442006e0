package dev.atom.workspace.sync;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.connectors.SyncedEvent;
import dev.atom.connectors.SyncedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync of one feed, under the connection's lease: pages until the feed says there are no more, each applied
 * to the store and then its cursor saved (a page applied twice is harmless, so a crash in between loses
 * nothing); an expired cursor starts a full sync, and a full sync ends with a sweep of what it no longer saw.
 * Failures are recorded on the feed's row: retriable ones back off (honouring Retry-After), refused credentials
 * mark the connection needs_reconnect at once. Not thread-safe: one per connection run.
 */
final class FeedSync {
    private static final Logger log = LoggerFactory.getLogger(FeedSync.class);
    private static final int MAX_PAGES = 100_000;

    enum Result {
        /** Go on with the connection's next feed. */
        NEXT,
        /** Stop syncing this connection now. */
        STOP
    }

    private final Connectors connectors;
    private final SyncFeedRepository feeds;
    private final SyncLeaseRepository leases;
    private final SyncProperties properties;
    private final Clock clock;
    private final String owner;

    FeedSync(
            Connectors connectors,
            SyncFeedRepository feeds,
            SyncLeaseRepository leases,
            SyncProperties properties,
            Clock clock,
            String owner) {
        this.connectors = connectors;
        this.feeds = feeds;
        this.leases = leases;
        this.properties = properties;
        this.clock = clock;
        this.owner = owner;
    }

    Result run(ActionContext context, SyncFeed feed, SyncStore store, FeedState state) {
        SyncScope scope = state.scope();
        Instant started = clock.instant();
        String cursor = state.cursor();
        Instant fullStart = cursor == null
                ? (state.fullSyncStartedAt() != null ? state.fullSyncStartedAt() : started)
                : state.fullSyncStartedAt();
        feeds.begin(state, cursor == null, started);
        int pages = 0;
        long items = 0;
        boolean restarted = false;
        try {
            while (true) {
                if (!leases.renew(state.connectionId(), owner, clock.instant().plus(properties.lease()))) {
                    log.info("lost the sync lease of connection {}; another instance goes on", state.connectionId());
                    return Result.STOP;
                }
                SyncPage page = feed.fetch(context, request(feed, cursor));
                if (page.restart()) {
                    if (restarted || cursor == null) {
                        throw new ConnectorException.Permanent(0, "the service refused a fresh sync as expired");
                    }
                    restarted = true;
                    cursor = null;
                    fullStart = clock.instant();
                    feeds.restart(state, fullStart);
                    log.info("the cursor of {} on connection {} expired: full sync", feed.id(), state.connectionId());
                    continue;
                }
                Instant at = clock.instant();
                store.apply(scope, page.changes(), at);
                cursor = page.cursor();
                pages++;
                items += page.changes().size();
                feeds.pageDone(state, cursor, pages, items, at);
                if (!page.more() || pages >= MAX_PAGES) {
                    break;
                }
            }
            if (fullStart != null) {
                store.sweep(scope, fullStart);
            }
            Instant end = clock.instant();
            feeds.finish(state, store.count(scope), end, end.plus(properties.interval()));
            return Result.NEXT;
        } catch (ConnectorException.NeedsReconnect e) {
            feeds.needsReconnect(state.workspaceId(), state.connectionId(), e.getMessage(), clock.instant());
            connectors.markNeedsReconnect(state.workspaceId(), state.connectionId(), e.getMessage());
            return Result.STOP;
        } catch (ConnectorException.Retriable e) {
            Duration wait = backoff(state.failures() + 1);
            if (e.retryAfter().isPresent() && e.retryAfter().get().compareTo(wait) > 0) {
                wait = e.retryAfter().get();
            }
            fail(state, e.getMessage(), wait);
            return Result.NEXT;
        } catch (ConnectorException e) {
            fail(state, e.getMessage(), backoff(state.failures() + 1));
            return Result.NEXT;
        } catch (RuntimeException e) {
            log.warn("syncing {} of connection {} failed", feed.id(), state.connectionId(), e);
            fail(state, "an unexpected error (" + e.getClass().getSimpleName() + ")", backoff(state.failures() + 1));
            return Result.NEXT;
        }
    }

    private void fail(FeedState state, String message, Duration wait) {
        Instant now = clock.instant();
        feeds.fail(state, message, now, now.plus(wait));
    }

    /** The interval, doubled for each failure in a row, at most {@code maxBackoff}. */
    Duration backoff(int failures) {
        Duration wait = properties.interval();
        for (int i = 1; i < failures && wait.compareTo(properties.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
    }

    /** The window the user keeps for the feed's kind, from the start of today (UTC) so pages share it. */
    private SyncRequest request(SyncFeed feed, String cursor) {
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        if (feed.itemType() == SyncedEvent.class) {
            return new SyncRequest(
                    cursor,
                    today.minus(properties.eventsBack()),
                    today.plus(properties.eventsAhead()),
                    properties.pageSize());
        }
        if (feed.itemType() == SyncedMessage.class) {
            return new SyncRequest(cursor, today.minus(properties.messagesBack()), null, properties.messagePageSize());
        }
        return new SyncRequest(cursor, null, null, properties.pageSize());
    }
}
