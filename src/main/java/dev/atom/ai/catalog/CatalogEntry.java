package dev.atom.ai.catalog;

/**
 * A model as one workspace sees it, with the source of its price. For a model discovered from an
 * openai-compatible server, {@code keyId} is the key that reaches it and {@code keyUserId} that key's owner (null
 * for a workspace key); both are null for catalog models.
 */
public record CatalogEntry(ModelInfo model, PriceSource priceSource, String keyId, String keyUserId, String notes) {

    public boolean discovered() {
        return keyId != null;
    }

    /** Whether {@code userId} may see (and use) the key this model was discovered through. */
    boolean visibleTo(String userId) {
        return keyId == null || keyUserId == null || keyUserId.equals(userId);
    }
}
