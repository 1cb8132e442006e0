package dev.atom.ai.keys;

import dev.atom.ai.providers.ProviderCredentials;
import java.util.List;
import java.util.Optional;

/** The keys a caller may use, and their decrypted credentials for one call (routing uses this). */
public interface AiKeys {

    /** The caller's own keys and the workspace's shared keys. */
    List<AiKey> usableBy(String workspaceId, String userId);

    /** Decrypts the key for a call; empty when it no longer exists. */
    Optional<ProviderCredentials> credentials(AiKey key);
}
