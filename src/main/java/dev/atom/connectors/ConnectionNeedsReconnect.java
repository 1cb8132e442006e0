package dev.atom.connectors;

import java.time.Instant;

/**
 * Published (as a Spring application event) when a connection stops working until its owner reconnects it:
 * the provider refused the refresh token ({@code invalid_grant}), say. The Connections page shows it; the
 * workflow engine listens to list (and pause) the workflows that use the connection. {@code reason} is safe
 * to show and holds no secret.
 */
public record ConnectionNeedsReconnect(
        String workspaceId, String connectionId, String connector, String ownerUserId, String reason, Instant at) {}
