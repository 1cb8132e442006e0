package dev.atom.ai.routing;

import dev.atom.ai.AiGateway;
import dev.atom.ai.catalog.Capability;
import dev.atom.ai.catalog.CatalogEntry;
import dev.atom.ai.catalog.CatalogService;
import dev.atom.identity.CurrentUser;
import dev.atom.identity.Role;
import dev.atom.shared.audit.AuditEvent;
import dev.atom.shared.cache.ExpiringCache;
import dev.atom.shared.web.FieldErrors;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * A workspace's default routing: the ordered models and policies the model name {@value AiGateway#WORKSPACE_DEFAULT}
 * stands for (try the first, fall back to the next), {@code ["atom/balanced"]} until an admin sets it. An entry is
 * a policy, a catalog model, or a model of one of the workspace's shared openai-compatible keys; never a personal
 * key's model (it would work for its owner only) nor an embeddings model (the list is for chat). The planner asks
 * for the list on every {@code atom/default} request, so it is cached per workspace for {@link #TTL}: this
 * instance evicts it at once on a change, another instance behind the same database sees the change within the
 * TTL. Thread-safe.
 */
@Service
public class WorkspaceRouting {
    public static final List<String> FALLBACK = List.of(RoutingPolicy.BALANCED.id());
    public static final int MAX_ENTRIES = 5;
    static final Duration TTL = Duration.ofSeconds(5);

    private final RoutingSettingRepository repository;
    private final CatalogService catalog;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ExpiringCache<String, List<String>> cache;

    WorkspaceRouting(
            RoutingSettingRepository repository,
            CatalogService catalog,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.catalog = catalog;
        this.events = events;
        this.clock = clock;
        this.cache = new ExpiringCache<>(TTL, 10_000, clock);
    }

    /** What {@code atom/default} stands for in this workspace, in order. */
    public List<String> models(String workspaceId) {
        return cache.computeIfAbsent(
                workspaceId,
                ws -> repository.find(ws).map(RoutingSetting::models).orElse(FALLBACK));
    }

    /** The stored setting; empty while the workspace uses {@link #FALLBACK}. */
    public Optional<RoutingSetting> stored(String workspaceId) {
        return repository.find(workspaceId);
    }

    /**
     * Replaces the workspace's list (admins and owners only): 403 for members, else 400 naming each bad entry
     * ({@code models[1]: unknown model "x"}). Audited.
     */
    public RoutingSetting set(CurrentUser user, List<?> models, String ip) {
        user.require(Role.ADMIN);
        List<String> wanted = check(user.workspaceId(), user.userId(), models);
        List<String> before = models(user.workspaceId());
        RoutingSetting saved =
                repository.put(new RoutingSetting(user.workspaceId(), wanted, user.userId(), clock.instant()));
        cache.remove(user.workspaceId());
        events.publishEvent(new AuditEvent(
                user.workspaceId(),
                user.userId(),
                "ai.routing.changed",
                Map.of("models", String.join(", ", wanted), "previous", String.join(", ", before)),
                ip));
        return saved;
    }

    /** What an entry may be, for forms: the policies, then the chat models the workspace has. */
    public List<String> choices(String workspaceId) {
        List<String> out = new ArrayList<>(
                Arrays.stream(RoutingPolicy.values()).map(RoutingPolicy::id).toList());
        catalog.sharedEntries(workspaceId).stream()
                .filter(e -> !e.model().can(Capability.EMBEDDINGS))
                .forEach(e -> out.add(e.model().id()));
        return out;
    }

    /** The entries stripped, or 400 with every problem at its index. */
    private List<String> check(String workspaceId, String userId, List<?> models) {
        FieldErrors errors = new FieldErrors();
        if (models == null) {
            errors.add(
                            "models",
                            "is required: a list of 1 to " + MAX_ENTRIES + " models or policies, first choice first")
                    .throwIfAny();
        }
        if (models.isEmpty() || models.size() > MAX_ENTRIES) {
            errors.add("models", "must hold 1 to " + MAX_ENTRIES + " entries (it has " + models.size() + ")");
        }
        Map<String, CatalogEntry> shared = catalog.sharedEntries(workspaceId).stream()
                .collect(Collectors.toMap(e -> e.model().id(), e -> e, (a, b) -> a));
        Map<String, CatalogEntry> visible = catalog.entriesFor(workspaceId, userId).stream()
                .collect(Collectors.toMap(e -> e.model().id(), e -> e, (a, b) -> a));
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            String field = "models[" + i + "]";
            if (!(models.get(i) instanceof String raw) || raw.isBlank()) {
                errors.add(field, "must be a model id or a policy");
                continue;
            }
            String name = raw.strip();
            Integer first = seen.putIfAbsent(name, i);
            String problem = first != null ? "repeats models[" + first + "]" : problem(name, shared, visible);
            if (problem != null) {
                errors.add(field, problem);
            }
            out.add(name);
        }
        errors.throwIfAny();
        return out;
    }

    private static String problem(String name, Map<String, CatalogEntry> shared, Map<String, CatalogEntry> visible) {
        if (name.equals(AiGateway.WORKSPACE_DEFAULT)) {
            return "cannot be part of itself: name the models " + AiGateway.WORKSPACE_DEFAULT + " stands for";
        }
        if (RoutingPolicy.fromModel(name).isPresent()) {
            return null;
        }
        CatalogEntry entry = shared.get(name);
        if (entry == null) {
            if (visible.containsKey(name)) {
                return "\"" + name + "\" comes from a personal key: only models of the workspace's shared keys can"
                        + " be its default";
            }
            return name.startsWith(RoutingPolicy.PREFIX)
                    ? "unknown policy \"" + name + "\": the policies are " + policies()
                    : "unknown model \"" + name + "\"";
        }
        if (entry.model().can(Capability.EMBEDDINGS)) {
            return "\"" + name + "\" is an embeddings model: the default routing is for chat";
        }
        return null;
    }

    static String policies() {
        return Arrays.stream(RoutingPolicy.values()).map(RoutingPolicy::id).collect(Collectors.joining(", "));
    }
}
