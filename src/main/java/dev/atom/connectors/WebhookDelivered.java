package dev.atom.connectors;

import java.time.Instant;

/**
 * Published (as a Spring application event) when a service's webhook delivery for a connection was verified (its
 * signature, timestamp and delivery id checked): something changed at the service, so whatever keeps a local copy
 * of the connection (the workspace's sync) should look again soon rather than wait for its next poll. The
 * workflow engine publishes it for connector webhook triggers, whether or not the delivery started a run.
 */
public record WebhookDelivered(String workspaceId, String connectionId, String triggerId, Instant receivedAt) {}
