package dev.atom.secrets;

import java.util.Optional;

/**
 * Encrypted storage for every secret Atom holds (AI provider keys, OAuth tokens, signing keys). Each secret
 * is bound to its workspace, owner and purpose: a ciphertext copied to another row, or read with another
 * owner or purpose, does not decrypt. Plaintext never reaches the database, the logs or an API response.
 *
 * <p>{@code workspaceId} is the tenant ({@link #SYSTEM} for installation-wide secrets); {@code owner} names
 * the row that uses the secret ({@code "ai_key:<id>"}, {@code "connection:<id>"}); {@code purpose} says
 * what it is ({@code "api-key"}, {@code "oauth-refresh-token"}).
 */
public interface SecretStore {

    /** The workspace id of installation-wide secrets. */
    String SYSTEM = "system";

    /** Encrypts and stores a new secret; returns its id. */
    String put(String workspaceId, String owner, String purpose, String plaintext);

    /** Replaces the value of an existing secret (a rotated OAuth token, say). */
    void update(String secretId, String workspaceId, String owner, String purpose, String plaintext);

    /** Decrypts a secret; empty when no such secret exists for this workspace, owner and purpose. */
    Optional<String> get(String secretId, String workspaceId, String owner, String purpose);

    /** Deletes a secret; false when there was none. */
    boolean delete(String secretId, String workspaceId);
}
