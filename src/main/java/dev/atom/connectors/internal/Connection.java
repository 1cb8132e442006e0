package dev.atom.connectors.internal;

import java.time.Instant;

/**
 * A stored connection (never its credentials: only the ids of its secrets). {@code authKind} is how it was
 * made ({@code api_key}, {@code oauth2}...); null on rows from before connectors offered several ways. The owner
 * is {@code createdBy}; {@code visibility} is {@code private} (the owner's alone) or {@code shared}.
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
        String authKind,
        String visibility) {
    static final String PRIVATE = "private";
    static final String SHARED = "shared";

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
            Instant lastCheckedAt,
            String authKind) {
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
                authKind,
                SHARED);
    }

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

    boolean isPrivate() {
        return PRIVATE.equals(visibility);
    }

    /** The one rule (also {@code workspace.sync.VisibleConnections}): shared, or the user's own. */
    boolean usableBy(String userId) {
        return !isPrivate() || createdBy.equals(userId);
    }

    String secretOwner() {
        return "connection:" + id;
    }
}
