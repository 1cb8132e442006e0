package dev.atom.connectors;

import java.util.List;

/**
 * A page of changes from a {@link SyncFeed}.
 *
 * @param cursor what to store and pass next time (a sync token, history id, delta link, UID position...)
 * @param more true while a (first or restarted) sync has further pages: the engine asks again at once with
 *     {@code cursor}, showing progress
 * @param restart true when the stored cursor expired (Google's 410, Gmail's 404 historyId, Graph's
 *     syncStateNotFound, a changed UIDVALIDITY): the page carries no changes; the engine forgets the cursor,
 *     syncs from scratch and afterwards removes what the full sync no longer saw
 */
public record SyncPage(List<SyncChange> changes, String cursor, boolean more, boolean restart) {

    public SyncPage {
        changes = List.copyOf(changes);
    }

    /** The last page of a sync: these changes, then wait for the next poll. */
    public static SyncPage done(List<SyncChange> changes, String cursor) {
        return new SyncPage(changes, cursor, false, false);
    }

    /** A page of a longer sync: the engine asks again at once. */
    public static SyncPage more(List<SyncChange> changes, String cursor) {
        return new SyncPage(changes, cursor, true, false);
    }

    /** The stored cursor expired: start again from scratch ({@code restart} is true). */
    public static SyncPage cursorExpired() {
        return new SyncPage(List.of(), null, false, true);
    }
}
