package dev.atom.connectors.internal;

import java.time.Instant;

/**
 * A stored connection (never its credentials: only the ids of its secrets). {@code authKind} is how it was
 * made ({@code api_key}, {@code oauth2}...); null on rows from before connectors offered several ways.
 */
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
        Instant lastCheckedAt,
        String authKind) {

    Connection(
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
        this(
                id,
                workspaceId,
                connector,
                name,
                status,
                statusReason,
                account,
                credentialsSecretId,
                accessTokenSecretId,
                refreshTokenSecretId,
                tokenExpiresAt,
                tokenVersion,
                createdBy,
                createdAt,
                updatedAt,
                lastCheckedAt,
                accessTokenSecretId != null ? "oauth2" : null);
    }

    String secretOwner() {
        return "connection:" + id;
    }
}
