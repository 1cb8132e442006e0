package dev.atom.ai.openai;

import dev.atom.ai.catalog.ModelCatalog;
import dev.atom.ai.catalog.ModelInfo;
import dev.atom.ai.keys.AiKey;
import dev.atom.ai.keys.AiKeys;
import dev.atom.identity.CurrentUser;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/models} in OpenAI's list format ({@code {"object":"list","data":[{"id","object":"model",
 * "created","owned_by"}]}}): the catalog models the caller holds a key for (own or the workspace's), then the
 * {@code atom/*} routing policies when there is at least one. {@code owned_by} is the provider id.
 */
@Component
class ModelList {
    static final List<String> POLICIES = List.of("atom/cheapest", "atom/fastest", "atom/best", "atom/balanced");
    static final String OPENAI_COMPATIBLE = "openai-compatible";

    private final ModelCatalog catalog;
    private final AiKeys keys;

    ModelList(ModelCatalog catalog, AiKeys keys) {
        this.catalog = catalog;
        this.keys = keys;
    }

    ObjectNode list(CurrentUser user, OpenAiJson json) {
        List<AiKey> usable = keys.usableBy(user.workspaceId(), user.userId());
        ObjectNode answer = json.object();
        answer.put("object", "list");
        ArrayNode data = answer.putArray("data");
        for (ModelInfo model : catalog.all(user.workspaceId())) {
            if (usable.stream().anyMatch(key -> serves(key, model))) {
                entry(data, model.id(), model.provider());
            }
        }
        if (!data.isEmpty()) {
            POLICIES.forEach(policy -> entry(data, policy, "atom"));
        }
        return answer;
    }

    /** A key serves its provider's catalog models; an openai-compatible key only its own {@code <name>/...}. */
    static boolean serves(AiKey key, ModelInfo model) {
        if (!key.provider().equals(model.provider())) {
            return false;
        }
        return !OPENAI_COMPATIBLE.equals(key.provider()) || model.id().startsWith(key.name() + "/");
    }

    private static void entry(ArrayNode data, String id, String owner) {
        ObjectNode entry = data.addObject();
        entry.put("id", id);
        entry.put("object", "model");
        entry.put("created", 0);
        entry.put("owned_by", owner);
    }
}
