package dev.atom.ai.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.atom.ai.AiGatewayException;
import dev.atom.ai.catalog.Capability;
import dev.atom.ai.catalog.CatalogEntry;
import dev.atom.ai.catalog.CatalogService;
import dev.atom.ai.catalog.ModelInfo;
import dev.atom.ai.providers.AdapterRegistry;
import dev.atom.ai.providers.ChatResponse;
import dev.atom.ai.providers.ProviderAdapter;
import dev.atom.ai.providers.ProviderCredentials;
import dev.atom.ai.providers.ProviderException;
import dev.atom.shared.web.ApiException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tests a key with real, cheap calls through its provider's adapter: the model listing shows whether the server
 * is reachable and takes the key; a one-token chat on the provider's cheapest catalog chat model (or the model
 * asked for) shows quota and model availability. The answer names each check and, on failure, the exact
 * reason. Calls the adapter directly rather than the gateway: a test targets one key, not a routed model, and
 * costs at most a token. Thread-safe (stateless).
 */
@Component
class KeyTester {
    private final AdapterRegistry adapters;
    private final AiKeyService keys;
    private final CatalogService catalog;
    private final ModelDiscovery discovery;

    KeyTester(AdapterRegistry adapters, AiKeyService keys, CatalogService catalog, ModelDiscovery discovery) {
        this.adapters = adapters;
        this.keys = keys;
        this.catalog = catalog;
        this.discovery = discovery;
    }

    record Check(String name, boolean ok, String detail) {}

    record Failure(String code, String message) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(boolean ok, String provider, String model, List<Check> checks, Failure error) {}

    Result test(AiKey key, String userId, String requestedModel) {
        ProviderCredentials credentials;
        try {
            credentials = keys.credentials(key).orElseThrow(() -> ApiException.notFound("AI key"));
        } catch (AiGatewayException e) { // the base URL is refused by the SSRF guard now
            return new Result(
                    false,
                    key.provider(),
                    null,
                    List.of(new Check("reachable", false, e.getMessage())),
                    new Failure(e.code(), e.getMessage()));
        }
        ProviderAdapter adapter = adapters.find(key.provider()).orElse(null);
        if (adapter == null) {
            return new Result(
                    false,
                    key.provider(),
                    null,
                    List.of(),
                    new Failure("not_supported", "Atom has no adapter for " + key.provider() + " yet"));
        }
        List<Check> checks = new ArrayList<>();
        Scrubber scrub = new Scrubber(credentials.apiKey());
        boolean authChecked = false;
        try {
            List<String> models = adapter.listModels(credentials);
            checks.add(new Check("reachable", true, "The server answered at " + credentials.baseUrl()));
            checks.add(new Check("auth", true, "The key was accepted (" + models.size() + " models listed)"));
            authChecked = true;
            if (key.provider().equals(Providers.OPENAI_COMPATIBLE)) {
                discovery.store(key, models);
            }
        } catch (ProviderException e) {
            if (e.status() == 0) {
                checks.add(new Check("reachable", false, scrub.apply(e.getMessage())));
                return failed(key, null, checks, e, scrub);
            }
            checks.add(new Check("reachable", true, "The server answered (HTTP " + e.status() + ")"));
            if (e.status() == 401 || e.status() == 403) {
                checks.add(new Check("auth", false, scrub.apply(e.getMessage())));
                return failed(key, null, checks, e, scrub);
            }
            if (e.status() != 404) {
                checks.add(new Check("auth", false, scrub.apply(e.getMessage())));
                return failed(key, null, checks, e, scrub);
            }
            // No model listing at this server (some proxies): the chat below still tests the key.
        }

        String model = modelToTry(key, userId, requestedModel);
        if (model == null) {
            checks.add(new Check("model", false, "No chat model to try: pass one as \"model\""));
            return new Result(
                    false,
                    key.provider(),
                    null,
                    checks,
                    new Failure("model_not_found", "No chat model is known for this key"));
        }
        try {
            ChatResponse answer = adapter.chat(credentials, oneTokenChat(key.provider(), model));
            if (!authChecked) {
                checks.add(new Check("auth", true, "The key was accepted"));
            }
            String finish = answer.body() == null
                    ? null
                    : answer.body()
                            .path("choices")
                            .path(0)
                            .path("finish_reason")
                            .asString(null);
            checks.add(new Check("model", true, model + " answered" + (finish == null ? "" : " (" + finish + ")")));
            return new Result(true, key.provider(), model, checks, null);
        } catch (ProviderException e) {
            if (!authChecked) {
                boolean refused = e.status() == 401 || e.status() == 403;
                checks.add(new Check(
                        "auth", !refused, refused ? scrub.apply(e.getMessage()) : "Not refused by the server"));
            }
            checks.add(new Check("model", false, scrub.apply(e.getMessage())));
            return failed(key, model, checks, e, scrub);
        }
    }

    private static Result failed(AiKey key, String model, List<Check> checks, ProviderException e, Scrubber scrub) {
        return new Result(false, key.provider(), model, checks, new Failure(e.code(), scrub.apply(e.getMessage())));
    }

    /** The model asked for (a catalog id or the provider's own name), else the cheapest chat model known. */
    private String modelToTry(AiKey key, String userId, String requested) {
        List<CatalogEntry> entries = catalog.entriesFor(key.workspaceId(), userId).stream()
                .filter(e -> e.model().provider().equals(key.provider()))
                .filter(e -> !e.discovered() || e.keyId().equals(key.id()))
                .toList();
        if (requested != null && !requested.isBlank()) {
            return entries.stream()
                    .filter(e -> e.model().id().equals(requested))
                    .map(e -> e.model().upstreamName())
                    .findFirst()
                    .orElse(withoutPrefix(key, requested.strip()));
        }
        return entries.stream()
                .map(CatalogEntry::model)
                .filter(m -> !m.can(Capability.EMBEDDINGS))
                .min(Comparator.comparingLong((ModelInfo m) -> m.inputPricePerMillion() + m.outputPricePerMillion()))
                .map(ModelInfo::upstreamName)
                .orElse(null);
    }

    /** "openai/gpt-x" names gpt-x at an OpenAI key; "<key name>/m" names m at that openai-compatible key. */
    private static String withoutPrefix(AiKey key, String model) {
        for (String prefix : List.of(key.provider() + "/", key.name() + "/")) {
            if (model.startsWith(prefix) && model.length() > prefix.length()) {
                return model.substring(prefix.length());
            }
        }
        return model;
    }

    /**
     * One user message, one token of answer. OpenAI's reasoning models refuse {@code max_tokens} and want
     * {@code max_completion_tokens} (Chat Completions reference), so OpenAI and Azure get that one.
     */
    static ObjectNode oneTokenChat(String provider, String model) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("model", model);
        request.putArray("messages").addObject().put("role", "user").put("content", "Reply with OK.");
        boolean openAi = provider.equals(Providers.OPENAI) || provider.equals(Providers.AZURE_OPENAI);
        request.put(openAi ? "max_completion_tokens" : "max_tokens", 1);
        return request;
    }

    /** Removes the key from any text a provider or adapter produced, in case it echoed it. */
    private record Scrubber(String apiKey) {
        String apply(String text) {
            if (text == null) {
                return "";
            }
            return apiKey == null || apiKey.isEmpty() ? text : text.replace(apiKey, "[key]");
        }
    }
}
