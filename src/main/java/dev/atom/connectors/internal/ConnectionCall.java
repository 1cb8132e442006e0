package dev.atom.connectors.internal;

import java.time.Instant;

/**
 * One direct action call on a connection: who, which action, how it ended ({@code succeeded}, {@code failed},
 * {@code refused}) and a short code saying why it did not succeed. Never the call's input or output.
 */
record ConnectionCall(
        String id,
        String workspaceId,
        String connectionId,
        String userId,
        String action,
        String outcome,
        String detail,
        Instant calledAt) {}
