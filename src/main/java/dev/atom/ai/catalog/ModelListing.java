package dev.atom.ai.catalog;

import dev.atom.ai.keys.AiKey;
import dev.atom.ai.keys.AiKeys;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The models a caller sees, with whether they can use each (they hold a key for its provider, or for a
 * discovered model the very key that listed it) and where its price comes from. Shared by {@code GET
 * /api/v1/ai/models} and the OpenAI-compatible {@code GET /v1/models}. Thread-safe.
 */
@Service
public class ModelListing {
    private final CatalogService catalog;
    private final AiKeys keys;

    ModelListing(CatalogService catalog, AiKeys keys) {
        this.catalog = catalog;
        this.keys = keys;
    }

    /** One model for one caller. */
    public record Listed(ModelInfo model, PriceSource priceSource, boolean usable) {}

    public List<Listed> list(String workspaceId, String userId) {
        List<AiKey> usable = keys.usableBy(workspaceId, userId);
        Set<String> providers = usable.stream().map(AiKey::provider).collect(Collectors.toSet());
        Set<String> keyIds = usable.stream().map(AiKey::id).collect(Collectors.toSet());
        return catalog.entriesFor(workspaceId, userId).stream()
                .map(e -> new Listed(
                        e.model(),
                        e.priceSource(),
                        e.discovered()
                                ? keyIds.contains(e.keyId())
                                : providers.contains(e.model().provider())))
                .toList();
    }

    /** Only the models the caller can use right now. */
    public List<Listed> usable(String workspaceId, String userId) {
        return list(workspaceId, userId).stream().filter(Listed::usable).toList();
    }
}
