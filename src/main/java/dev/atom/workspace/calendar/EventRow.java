package dev.atom.workspace.calendar;

import dev.atom.connectors.SyncedEvent;
import java.time.Instant;

/**
 * A synced event as stored: where it came from, its Atom id (stable across upserts) and why it cannot be shown,
 * if so ({@code problem}, e.g. a broken RRULE).
 */
record EventRow(
        String id,
        String workspaceId,
        String connectionId,
        String feedId,
        SyncedEvent event,
        String problem,
        Instant syncedAt) {

    boolean isSeries() {
        return !event.recurrence().isEmpty();
    }
}
