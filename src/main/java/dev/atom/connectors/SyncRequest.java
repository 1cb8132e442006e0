package dev.atom.connectors;

import java.time.Instant;

/**
 * What the sync engine asks a {@link SyncFeed} for: changes after {@code cursor} (null for a full sync), within
 * the window the user keeps locally (events: 30 days back to 365 ahead; messages: 90 days back by default), at
 * most about {@code pageSize} items per page.
 */
public record SyncRequest(String cursor, Instant windowStart, Instant windowEnd, int pageSize) {

    public boolean full() {
        return cursor == null;
    }
}
