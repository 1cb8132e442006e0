package dev.atom.ai.providers;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Every {@link ProviderAdapter} bean by its provider id, for the router. */
@Component
public class AdapterRegistry {
    private final Map<String, ProviderAdapter> adapters;

    public AdapterRegistry(List<ProviderAdapter> adapters) {
        Map<String, ProviderAdapter> byId = new TreeMap<>();
        for (ProviderAdapter adapter : adapters) {
            if (byId.put(adapter.provider(), adapter) != null) {
                throw new IllegalStateException("two adapters for provider " + adapter.provider());
            }
        }
        this.adapters = Map.copyOf(byId);
    }

    /** The adapter for {@code provider}, if Atom has one. */
    public Optional<ProviderAdapter> find(String provider) {
        return Optional.ofNullable(adapters.get(provider));
    }

    /** The adapter for {@code provider}; throws for an unknown id (a programming error upstream). */
    public ProviderAdapter get(String provider) {
        ProviderAdapter adapter = adapters.get(provider);
        if (adapter == null) {
            throw new IllegalArgumentException("no adapter for provider " + provider);
        }
        return adapter;
    }

    /** The provider ids, sorted. */
    public Collection<String> providers() {
        return new TreeMap<>(adapters).keySet();
    }
}
