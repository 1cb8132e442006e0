package dev.atom.ai.keys;

import java.net.URI;
import java.time.Instant;

/**
 * A provider key as Atom stores it, without the secret: the key itself lives encrypted in the secret store
 * ({@code secretId}). {@code userId} is the owner of a user-scoped key and null for a workspace key shared by
 * an admin. {@code baseUrl} is null when the provider's official URL is used.
 */
public record AiKey(
        String id,
        String workspaceId,
        String userId,
        Scope scope,
        String provider,
        String name,
        String masked,
        URI baseUrl,
        String azureDeployment,
        String azureApiVersion,
        String secretId,
        Instant createdAt) {

    public enum Scope {
        USER,
        WORKSPACE
    }
}
