package dev.atom.connectors.internal;

import java.time.Instant;

/** A stored connection (never its credentials: only the ids of its secrets). */
record Connection(
        String id,
        String workspaceId,
        String connector,
        String name,
        ConnectionStatus status,
        String statusReason,
        String account,
        String credentialsSecretId,
        String accessTokenSecretId,
        String refreshTokenSecretId,
        Instant tokenExpiresAt,
        long tokenVersion,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        Instant lastCheckedAt) {

    String secretOwner() {
        return "connection:" + id;
    }
}
