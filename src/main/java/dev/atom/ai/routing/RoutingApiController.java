package dev.atom.ai.routing;

import dev.atom.ai.AiGateway;
import dev.atom.identity.CurrentUser;
import dev.atom.identity.Role;
import dev.atom.shared.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/ai/routing} (any member) and {@code PUT} (admins and owners): the workspace's default routing,
 * what {@code atom/default} stands for. {@code updatedAt} and {@code updatedBy} are absent while it is the built-in
 * {@code ["atom/balanced"]}.
 */
@RestController
class RoutingApiController {
    private final WorkspaceRouting routing;

    RoutingApiController(WorkspaceRouting routing) {
        this.routing = routing;
    }

    @GetMapping("/api/v1/ai/routing")
    Map<String, Object> get(@AuthenticationPrincipal CurrentUser user) {
        return json(routing.stored(user.workspaceId()));
    }

    @PutMapping("/api/v1/ai/routing")
    Map<String, Object> put(
            @AuthenticationPrincipal CurrentUser user, @RequestBody JsonNode body, HttpServletRequest request) {
        user.require(Role.ADMIN); // a member hears 403 whatever the body says
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object: {\"models\": [...]}");
        }
        JsonNode models = body.get("models");
        List<Object> entries = null;
        if (models != null && models.isArray()) {
            entries = new ArrayList<>();
            for (JsonNode m : models) {
                entries.add(m.isString() ? m.asString() : m);
            }
        } else if (models != null && !models.isNull()) {
            throw ApiException.invalid("models", "must be a list of model ids or policies, first choice first");
        }
        RoutingSetting saved = routing.set(user, entries, request.getRemoteAddr());
        return json(Optional.of(saved));
    }

    private static Map<String, Object> json(Optional<RoutingSetting> stored) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", AiGateway.WORKSPACE_DEFAULT);
        m.put("models", stored.map(RoutingSetting::models).orElse(WorkspaceRouting.FALLBACK));
        m.put("updatedAt", stored.map(s -> s.updatedAt().toString()).orElse(null));
        m.put("updatedBy", stored.map(RoutingSetting::updatedBy).orElse(null));
        m.put("maxEntries", WorkspaceRouting.MAX_ENTRIES);
        return m;
    }
}
