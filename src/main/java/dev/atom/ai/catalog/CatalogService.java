package dev.atom.ai.catalog;

import dev.atom.ai.keys.Providers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The catalog as a workspace sees it: the shipped file, with the workspace's price overrides applied, plus the
 * models its openai-compatible keys' servers listed, named {@code <key name>/<model>} and priced 0 unless
 * overridden (their context window is unknown: 0). Routing asks for it on every request, so each workspace's view
 * is cached briefly ({@link #TTL}) and dropped at once when this instance changes it; another instance behind the
 * same database sees a change within the TTL. Thread-safe.
 */
@Service
public class CatalogService implements ModelCatalog {
    static final Duration TTL = Duration.ofSeconds(5);
    private static final int DISCOVERED_QUALITY = 50;

    private final CatalogFile file;
    private final PriceOverrideRepository overrides;
    private final DiscoveredModelRepository discovered;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Instant expires, List<CatalogEntry> entries) {}

    CatalogService(
            CatalogFile file, PriceOverrideRepository overrides, DiscoveredModelRepository discovered, Clock clock) {
        this.file = file;
        this.overrides = overrides;
        this.discovered = discovered;
        this.clock = clock;
    }

    @Override
    public List<ModelInfo> all(String workspaceId) {
        return unique(entries(workspaceId)).stream().map(CatalogEntry::model).toList();
    }

    @Override
    public Optional<ModelInfo> find(String workspaceId, String modelId) {
        return all(workspaceId).stream().filter(m -> m.id().equals(modelId)).findFirst();
    }

    @Override
    public List<ModelInfo> forCaller(String workspaceId, String userId) {
        return entriesFor(workspaceId, userId).stream().map(CatalogEntry::model).toList();
    }

    /**
     * Catalog models and the models of the keys {@code userId} may use; when the user's own key and a workspace
     * key share a name, the user's own wins.
     */
    public List<CatalogEntry> entriesFor(String workspaceId, String userId) {
        List<CatalogEntry> visible = new ArrayList<>(
                entries(workspaceId).stream().filter(e -> e.visibleTo(userId)).toList());
        visible.sort(Comparator.comparing((CatalogEntry e) -> e.discovered() && e.keyUserId() == null));
        return unique(visible);
    }

    /**
     * What the workspace as a whole has: the catalog models and those of its shared keys, none of a personal
     * key's (the workspace's default routing may name only these).
     */
    public List<CatalogEntry> sharedEntries(String workspaceId) {
        return unique(
                entries(workspaceId).stream().filter(e -> e.keyUserId() == null).toList());
    }

    /** Stores the models an openai-compatible key's server listed. */
    public void discovered(String workspaceId, String keyId, List<String> models) {
        discovered.replace(workspaceId, keyId, models);
        invalidate(workspaceId);
    }

    /** Forgets the cached view of a workspace (after a key or an override changed). */
    public void invalidate(String workspaceId) {
        cache.remove(workspaceId);
    }

    String asOf() {
        return file.asOf();
    }

    Map<String, String> sources() {
        return file.sources();
    }

    /** Every entry of the workspace, duplicates (same name from different keys) included. */
    List<CatalogEntry> entries(String workspaceId) {
        Instant now = clock.instant();
        Cached cached = cache.get(workspaceId);
        if (cached != null && cached.expires().isAfter(now)) {
            return cached.entries();
        }
        List<CatalogEntry> entries = load(workspaceId);
        cache.put(workspaceId, new Cached(now.plus(TTL), entries));
        return entries;
    }

    private List<CatalogEntry> load(String workspaceId) {
        Map<String, PriceOverride> byModel = overrides.list(workspaceId).stream()
                .collect(Collectors.toMap(PriceOverride::model, Function.identity()));
        List<CatalogEntry> entries = new ArrayList<>();
        for (CatalogFile.Entry e : file.entries()) {
            PriceOverride o = byModel.get(e.model().id());
            entries.add(new CatalogEntry(
                    o == null ? e.model() : priced(e.model(), o),
                    o == null ? PriceSource.CATALOG : PriceSource.OVERRIDE,
                    null,
                    null,
                    e.notes()));
        }
        for (DiscoveredModelRepository.Discovered d : discovered.list(workspaceId)) {
            String id = d.keyName() + "/" + d.model();
            ModelInfo model = new ModelInfo(
                    id,
                    Providers.OPENAI_COMPATIBLE,
                    d.model(),
                    d.model() + " (" + d.keyName() + ")",
                    0,
                    0,
                    0,
                    0,
                    0,
                    guessCapabilities(d.model()),
                    DISCOVERED_QUALITY);
            PriceOverride o = byModel.get(id);
            entries.add(new CatalogEntry(
                    o == null ? model : priced(model, o),
                    o == null ? PriceSource.UNKNOWN : PriceSource.OVERRIDE,
                    d.keyId(),
                    d.userId(),
                    null));
        }
        return List.copyOf(entries);
    }

    private static List<CatalogEntry> unique(List<CatalogEntry> entries) {
        Map<String, CatalogEntry> byId = new LinkedHashMap<>();
        entries.forEach(e -> byId.putIfAbsent(e.model().id(), e));
        return List.copyOf(byId.values());
    }

    private static ModelInfo priced(ModelInfo m, PriceOverride o) {
        return new ModelInfo(
                m.id(),
                m.provider(),
                m.upstreamName(),
                m.displayName(),
                o.inputMicros(),
                o.outputMicros(),
                o.cachedInputMicros(),
                m.contextWindow(),
                m.maxOutputTokens(),
                m.capabilities(),
                m.quality());
    }

    /** A server's /v1/models says nothing about capabilities; embedding models give themselves away by name. */
    private static EnumSet<Capability> guessCapabilities(String model) {
        return model.toLowerCase(Locale.ROOT).contains("embed")
                ? EnumSet.of(Capability.EMBEDDINGS)
                : EnumSet.of(Capability.STREAMING, Capability.TOOLS);
    }
}
