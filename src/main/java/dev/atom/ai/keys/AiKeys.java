package dev.atom.ai.keys;

import dev.atom.ai.catalog.ModelInfo;
import dev.atom.ai.providers.ProviderCredentials;
import java.util.List;
import java.util.Optional;

/** The keys a caller may use, and their decrypted credentials for one call (routing uses this). */
public interface AiKeys {

    /** The caller's own keys and the workspace's shared keys. */
    List<AiKey> usableBy(String workspaceId, String userId);

    /**
     * Decrypts the key for a call; empty when it no longer exists. The base URL is the key's own or the
     * provider's official one ({@link ProviderInfo#defaultBaseUrl()}); {@code apiKey} is null for an
     * openai-compatible server added without a key.
     */
    Optional<ProviderCredentials> credentials(AiKey key);

    /**
     * The caller's keys that can serve {@code model}, own keys first: every key of the model's provider, and for
     * a model discovered from an openai-compatible server ({@code <key name>/<model>}) only the key of that name.
     * Added by the keys branch.
     */
    default List<AiKey> forModel(String workspaceId, String userId, ModelInfo model) {
        List<AiKey> keys = usableBy(workspaceId, userId).stream()
                .filter(k -> k.provider().equals(model.provider()))
                .filter(k -> !k.provider().equals(Providers.OPENAI_COMPATIBLE)
                        || model.id().equals(k.name() + "/" + model.upstreamName()))
                .sorted(java.util.Comparator.comparing(k -> k.scope() != AiKey.Scope.USER))
                .toList();
        return keys;
    }
}
