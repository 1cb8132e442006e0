package dev.atom.connectors;

/**
 * One kind of a connection's data that Atom keeps a local, incremental copy of (a calendar's events, a mailbox's
 * messages, a drive's files, a tracker's issues). The workspace's sync engine calls {@link #fetch} page by page
 * with the cursor it stored, applies the changes to its store and saves the new cursor, so a feed is stateless
 * and thread-safe like the rest of a connector. Calls go through {@link ActionContext#http()}, so sync shares the
 * connection's rate limiter with workflows and the assistant.
 */
public interface SyncFeed {

    /** {@code <connector>.<what>}, e.g. {@code gmail.messages}, {@code outlook.events}; stable (cursor rows key on it). */
    String id();

    /** The record every {@link SyncChange.Upsert} of this feed carries. */
    Class<? extends SyncedItem> itemType();

    /**
     * One page of changes since {@code request.cursor()} (null: first sync, or a restart after an expired
     * cursor: list what lies in the window and return the change-feed cursor to continue from). Throws {@link
     * ConnectorException} like actions do: {@link ConnectorException.NeedsReconnect} for revoked credentials,
     * {@link ConnectorException.Retriable} for 429/5xx/timeouts.
     */
    SyncPage fetch(ActionContext context, SyncRequest request);
}
