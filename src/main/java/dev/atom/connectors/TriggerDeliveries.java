package dev.atom.connectors;

import java.time.Duration;

/**
 * Durable de-duplication of trigger deliveries (webhook delivery ids, polled event keys), shared by every
 * instance of Atom on one database. Thread-safe.
 */
public interface TriggerDeliveries {

    /**
     * Records {@code key} for {@code source} (a trigger instance, e.g. a workflow id) in {@code workspaceId};
     * true the first time, false for a repeat. Entries older than {@code keepFor} may be forgotten.
     */
    boolean firstTime(String workspaceId, String source, String key, Duration keepFor);
}
