package dev.atom.ai.routing;

import dev.atom.ai.AiGateway;
import dev.atom.ai.AiGatewayException;
import dev.atom.ai.catalog.Capability;
import dev.atom.ai.catalog.ModelCatalog;
import dev.atom.ai.catalog.ModelInfo;
import dev.atom.ai.keys.AiKey;
import dev.atom.ai.keys.AiKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Turns a request into its ordered candidates: the named model, the {@code models: [...]} list in order
 * (OpenRouter's convention; a {@code model} not in the list goes first), or an {@code atom/...} policy over
 * every catalog model the caller holds a key for. {@code atom/default} is replaced, where it stands, by the
 * workspace's default routing (a list of the same kinds of names; see {@link WorkspaceRouting}). Only catalog
 * models with a usable key count; each of the caller's keys for a provider is its own candidate (the caller's
 * own keys before the workspace's). A model
 * must have every capability the request needs and a window that fits the prompt estimate plus the output
 * bound. Models of openai-compatible servers ({@code <key name>/<model>}) use only the key of that name and
 * are not filtered by capability: the catalog cannot know what a self-hosted model does, so the server
 * decides. Thread-safe (stateless).
 */
public final class CandidatePlanner {
    private static final String OPENAI_COMPATIBLE = "openai-compatible";
    private final ModelCatalog catalog;
    private final AiKeys keys;
    private final LatencyStats stats;
    private final Function<String, List<String>> workspaceDefaults;

    /** {@code workspaceDefaults}: a workspace id to what {@code atom/default} stands for there. */
    public CandidatePlanner(
            ModelCatalog catalog, AiKeys keys, LatencyStats stats, Function<String, List<String>> workspaceDefaults) {
        this.catalog = catalog;
        this.keys = keys;
        this.stats = stats;
        this.workspaceDefaults = workspaceDefaults;
    }

    /** The candidates in the order to try them; throws 400/403/404 when there is none. */
    public List<Candidate> plan(String workspaceId, String userId, JsonNode request, RequestNeeds needs) {
        List<String> named = wantedModels(request);
        if (!named.contains(AiGateway.WORKSPACE_DEFAULT)) {
            return plan(workspaceId, userId, named, needs);
        }
        List<String> defaults = workspaceDefaults.apply(workspaceId);
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : named) {
            if (name.equals(AiGateway.WORKSPACE_DEFAULT)) {
                wanted.addAll(defaults);
            } else {
                wanted.add(name);
            }
        }
        try {
            return plan(workspaceId, userId, List.copyOf(wanted), needs);
        } catch (AiGatewayException e) {
            throw new AiGatewayException(
                    e.status(),
                    e.type(),
                    e.code(),
                    e.getMessage() + " " + AiGateway.WORKSPACE_DEFAULT + " is this workspace's default routing: "
                            + String.join(", ", defaults) + " (admins set it on the AI page or with PUT"
                            + " /api/v1/ai/routing).");
        }
    }

    private List<Candidate> plan(String workspaceId, String userId, List<String> wanted, RequestNeeds needs) {
        List<AiKey> usable = new ArrayList<>(keys.usableBy(workspaceId, userId));
        usable.sort(Comparator.comparing(k -> k.scope() == AiKey.Scope.USER ? 0 : 1)); // stable: keeps given order
        List<Candidate> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        List<String> keyless = new ArrayList<>();
        List<String> unfit = new ArrayList<>();
        for (String name : wanted) {
            Optional<RoutingPolicy> policy = RoutingPolicy.fromModel(name);
            List<Candidate> batch = new ArrayList<>();
            if (policy.isPresent()) {
                batch.addAll(policy.get().order(policyPool(workspaceId, userId, usable, needs, unfit), stats, needs));
                if (batch.isEmpty() && usable.isEmpty()) {
                    keyless.add(name);
                }
            } else {
                Optional<ModelInfo> found = catalog.forCaller(workspaceId, userId).stream()
                        .filter(m -> m.id().equals(name))
                        .findFirst();
                if (found.isEmpty()) {
                    unknown.add(name);
                    continue;
                }
                ModelInfo model = found.get();
                List<AiKey> modelKeys = keysFor(model, usable);
                if (modelKeys.isEmpty()) {
                    keyless.add(name);
                    continue;
                }
                if (fits(model, needs, unfit, true)) {
                    modelKeys.forEach(k -> batch.add(candidate(model, k, needs)));
                }
            }
            for (Candidate c : batch) {
                if (seen.add(c.model().id() + "|" + c.key().id())) {
                    out.add(c);
                }
            }
        }
        if (out.isEmpty()) {
            throw none(unknown, keyless, unfit, needs);
        }
        return List.copyOf(out);
    }

    /** Every fitting candidate the caller holds a key for, cheapest first (budget fallbacks use it). */
    public List<Candidate> cheapest(String workspaceId, String userId, RequestNeeds needs) {
        List<AiKey> usable = new ArrayList<>(keys.usableBy(workspaceId, userId));
        usable.sort(Comparator.comparing(k -> k.scope() == AiKey.Scope.USER ? 0 : 1));
        return RoutingPolicy.CHEAPEST.order(
                policyPool(workspaceId, userId, usable, needs, new ArrayList<>()), stats, needs);
    }

    private List<Candidate> policyPool(
            String workspaceId, String userId, List<AiKey> usable, RequestNeeds needs, List<String> unfit) {
        List<Candidate> pool = new ArrayList<>();
        for (ModelInfo model : catalog.forCaller(workspaceId, userId)) {
            if (model.can(Capability.EMBEDDINGS) != needs.embeddings()) {
                continue;
            }
            List<AiKey> modelKeys = keysFor(model, usable);
            if (!modelKeys.isEmpty() && fits(model, needs, unfit, false)) {
                modelKeys.forEach(k -> pool.add(candidate(model, k, needs)));
            }
        }
        return pool;
    }

    /** {@code model} then {@code models} in order, without repeats; 400 when neither names anything. */
    static List<String> wantedModels(JsonNode request) {
        Set<String> names = new LinkedHashSet<>();
        JsonNode model = request.path("model");
        JsonNode models = request.path("models");
        if (model.isString() && !model.asString().isBlank()) {
            names.add(model.asString().strip());
        }
        if (models.isArray()) {
            for (JsonNode m : models) {
                if (m.isString() && !m.asString().isBlank()) {
                    names.add(m.asString().strip());
                }
            }
        }
        if (names.isEmpty()) {
            throw new AiGatewayException(
                    400,
                    "invalid_request_error",
                    "model_required",
                    "Name a model (\"provider/model\"), a list in \"models\", a policy (atom/cheapest,"
                            + " atom/fastest, atom/best, atom/balanced) or atom/default, the workspace's own"
                            + " routing.");
        }
        return List.copyOf(names);
    }

    private static List<AiKey> keysFor(ModelInfo model, List<AiKey> usable) {
        if (model.provider().equals(OPENAI_COMPATIBLE)) {
            // the same rule as AiKeys#forModel, on the keys already fetched once per call
            return usable.stream()
                    .filter(k -> k.provider().equals(OPENAI_COMPATIBLE)
                            && model.id().equals(k.name() + "/" + model.upstreamName()))
                    .toList();
        }
        return usable.stream()
                .filter(k -> k.provider().equals(model.provider()))
                .toList();
    }

    private static boolean fits(ModelInfo model, RequestNeeds needs, List<String> unfit, boolean named) {
        if (!model.provider().equals(OPENAI_COMPATIBLE)) {
            Set<Capability> missing = needs.capabilities().stream()
                    .filter(c -> !model.can(c))
                    .collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(Capability.class)));
            if (!missing.isEmpty()) {
                if (named) {
                    unfit.add(model.id() + " lacks " + names(missing));
                }
                return false;
            }
        }
        int window = model.contextWindow();
        long needed = (long) needs.promptTokens() + needs.windowOutput(model.maxOutputTokens());
        if (window > 0 && needed > window) {
            if (named) {
                unfit.add(model.id() + " has a " + window + "-token window, the request needs about " + needed
                        + " (prompt estimate " + needs.promptTokens() + " plus "
                        + needs.windowOutput(model.maxOutputTokens())
                        + " output)");
            }
            return false;
        }
        return true;
    }

    private static Candidate candidate(ModelInfo model, AiKey key, RequestNeeds needs) {
        int bound = needs.outputBound(model.maxOutputTokens());
        long reserve = model.costMicros(needs.promptTokens(), 0, bound);
        int typical = Math.min(bound, needs.typicalOutput());
        double rank = ((double) needs.promptTokens() * model.inputPricePerMillion()
                        + (double) typical * model.outputPricePerMillion())
                / 1_000_000.0;
        return new Candidate(model, key, bound, reserve, rank);
    }

    private static String names(Set<Capability> caps) {
        return caps.stream()
                .map(c -> switch (c) {
                    case TOOLS -> "tools";
                    case VISION -> "image input (vision)";
                    case JSON_SCHEMA -> "JSON schema output";
                    default -> c.name().toLowerCase(Locale.ROOT);
                })
                .collect(Collectors.joining(" and "));
    }

    private static AiGatewayException none(
            List<String> unknown, List<String> keyless, List<String> unfit, RequestNeeds needs) {
        if (!unfit.isEmpty()) {
            boolean context = unfit.stream().anyMatch(u -> u.contains("window"));
            return new AiGatewayException(
                    400,
                    "invalid_request_error",
                    context && unfit.stream().allMatch(u -> u.contains("window"))
                            ? "context_length_exceeded"
                            : "model_not_capable",
                    "No requested model can take this request: " + String.join("; ", unfit) + ".");
        }
        if (!keyless.isEmpty()) {
            return new AiGatewayException(
                    403,
                    "permission_error",
                    "no_usable_key",
                    "You hold no key for " + String.join(", ", keyless) + ". Add a key for its provider on the AI"
                            + " page or with POST /api/v1/ai/keys (or ask an admin to share a workspace key).");
        }
        if (!unknown.isEmpty()) {
            return new AiGatewayException(
                    404,
                    "invalid_request_error",
                    "model_not_found",
                    "Unknown model " + String.join(", ", unknown) + ". Models are named \"provider/model\" (GET"
                            + " /api/v1/ai/models lists them), a policy (atom/cheapest, atom/fastest, atom/best,"
                            + " atom/balanced) or atom/default.");
        }
        return new AiGatewayException(
                400,
                "invalid_request_error",
                "model_not_capable",
                "None of the models you hold a key for can take this request: it needs "
                        + (needs.capabilities().isEmpty() ? "" : names(needs.capabilities()) + " and ")
                        + "a window of about " + needs.promptTokens() + " prompt tokens plus the output. Add a key"
                        + " for a provider whose models can.");
    }
}
