package dev.atom.ai.keys;

import dev.atom.ai.catalog.CatalogService;
import dev.atom.ai.providers.AdapterRegistry;
import dev.atom.ai.providers.ProviderCredentials;
import dev.atom.ai.providers.ProviderException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks an openai-compatible server which models it serves (its /v1/models, through the adapter) and stores them
 * for the catalog. A server that does not answer keeps the models it listed last time. Thread-safe.
 */
@Component
class ModelDiscovery {
    private static final Logger log = LoggerFactory.getLogger(ModelDiscovery.class);
    private final AdapterRegistry adapters;
    private final CatalogService catalog;

    ModelDiscovery(AdapterRegistry adapters, CatalogService catalog) {
        this.adapters = adapters;
        this.catalog = catalog;
    }

    /** Lists and stores the models of an openai-compatible key; failures are logged (by code) and swallowed. */
    void discover(AiKey key, ProviderCredentials credentials) {
        var adapter = adapters.find(key.provider());
        if (adapter.isEmpty()) {
            return;
        }
        try {
            store(key, adapter.get().listModels(credentials));
        } catch (ProviderException e) {
            log.info("model discovery for AI key {} failed: {} (HTTP {})", key.id(), e.code(), e.status());
        } catch (RuntimeException e) {
            log.info(
                    "model discovery for AI key {} failed: {}",
                    key.id(),
                    e.getClass().getSimpleName());
        }
    }

    void store(AiKey key, List<String> models) {
        catalog.discovered(key.workspaceId(), key.id(), models);
    }
}
