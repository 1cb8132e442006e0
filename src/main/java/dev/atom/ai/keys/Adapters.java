package dev.atom.ai.keys;

import dev.atom.ai.providers.ProviderAdapter;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The provider adapter beans by provider id (looked up per call, so there may be none yet). Thread-safe. */
@Component
class Adapters {
    private final ObjectProvider<ProviderAdapter> adapters;

    Adapters(ObjectProvider<ProviderAdapter> adapters) {
        this.adapters = adapters;
    }

    Optional<ProviderAdapter> forProvider(String provider) {
        return adapters.orderedStream()
                .filter(a -> a.provider().equals(provider))
                .findFirst();
    }
}
