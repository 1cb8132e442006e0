package dev.atom.ai.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.atom.ai.catalog.Capability;
import dev.atom.ai.catalog.CatalogService;
import dev.atom.ai.catalog.ModelInfo;
import dev.atom.identity.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/ai/providers} and {@code /api/v1/ai/keys}: the caller's keys, never the secret itself. */
@RestController
@RequestMapping("/api/v1/ai")
class AiKeyApiController {
    private final AiKeyService keys;
    private final KeyTester tester;
    private final CatalogService catalog;

    AiKeyApiController(AiKeyService keys, KeyTester tester, CatalogService catalog) {
        this.keys = keys;
        this.tester = tester;
        this.catalog = catalog;
    }

    /** A key as clients see it: masked; {@code baseUrl} null means the provider's official URL. */
    record KeyView(
            String id,
            String provider,
            String name,
            String masked,
            String scope,
            @JsonInclude(JsonInclude.Include.ALWAYS) String baseUrl,
            String deployment,
            String apiVersion,
            Instant createdAt) {
        static KeyView of(AiKey k) {
            return new KeyView(
                    k.id(),
                    k.provider(),
                    k.name(),
                    k.masked(),
                    k.scope().name().toLowerCase(Locale.ROOT),
                    k.baseUrl() == null ? null : k.baseUrl().toString(),
                    k.azureDeployment(),
                    k.azureApiVersion(),
                    k.createdAt());
        }
    }

    record ProviderView(
            String id,
            String name,
            String keyUrl,
            String keyFormat,
            @JsonInclude(JsonInclude.Include.ALWAYS) URI defaultBaseUrl,
            Map<String, String> needs,
            List<String> models,
            List<String> capabilities) {}

    record Items<T>(List<T> items) {}

    @GetMapping("/providers")
    Items<ProviderView> providers(@AuthenticationPrincipal CurrentUser user) {
        List<ModelInfo> models = catalog.forCaller(user.workspaceId(), user.userId());
        return new Items<>(Providers.all().stream()
                .map(p -> {
                    List<ModelInfo> own = models.stream()
                            .filter(m -> m.provider().equals(p.id()))
                            .toList();
                    Set<Capability> union = EnumSet.noneOf(Capability.class);
                    own.forEach(m -> union.addAll(m.capabilities()));
                    return new ProviderView(
                            p.id(),
                            p.name(),
                            p.keyUrl(),
                            p.keyFormat(),
                            p.defaultBaseUrl(),
                            p.needs(),
                            own.stream().map(ModelInfo::id).toList(),
                            union.stream()
                                    .map(c -> c.name().toLowerCase(Locale.ROOT))
                                    .toList());
                })
                .toList());
    }

    @PostMapping("/keys")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<KeyView> create(
            @AuthenticationPrincipal CurrentUser user, @RequestBody JsonNode body, HttpServletRequest request) {
        AiKey key = keys.create(user, body, request.getRemoteAddr());
        return ResponseEntity.created(URI.create("/api/v1/ai/keys/" + key.id())).body(KeyView.of(key));
    }

    @GetMapping("/keys")
    Items<KeyView> list(@AuthenticationPrincipal CurrentUser user) {
        return new Items<>(keys.list(user).stream().map(KeyView::of).toList());
    }

    @DeleteMapping("/keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, HttpServletRequest request) {
        keys.delete(user, id, request.getRemoteAddr());
    }

    /** Body optional: {@code {"model": "..."}} picks the model of the chat check. */
    @PostMapping("/keys/{id}/test")
    KeyTester.Result test(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        AiKey key = keys.visible(user, id);
        JsonNode model = body == null ? null : body.get("model");
        String requested = model != null && model.isString() ? model.asString() : null;
        return tester.test(key, user.userId(), requested);
    }
}
