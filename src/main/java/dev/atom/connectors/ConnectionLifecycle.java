package dev.atom.connectors;

import java.time.Instant;

/**
 * Spring application events about a connection's life, published by the connectors module after the change is
 * stored (on the instance that made it), so other modules keep what they derive from connections in step: the
 * workspace's sync engine makes its feed rows when a connection is created, syncs again when it is reconnected and
 * deletes everything synced from it when it is removed.
 */
public sealed interface ConnectionLifecycle {

    String workspaceId();

    String connectionId();

    /** The connector's id ({@code dropbox}, {@code google-calendar}). */
    String connector();

    Instant at();

    /** A new connection (form or OAuth) was stored; {@code ownerUserId} made it. */
    record Created(String workspaceId, String connectionId, String connector, String ownerUserId, Instant at)
            implements ConnectionLifecycle {}

    /** New credentials were stored for an existing connection (OAuth reconnect): it works again. */
    record Reconnected(String workspaceId, String connectionId, String connector, Instant at)
            implements ConnectionLifecycle {}

    /** The connection and its credentials were deleted. */
    record Removed(String workspaceId, String connectionId, String connector, Instant at)
            implements ConnectionLifecycle {}
}
