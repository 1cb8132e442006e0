package dev.atom.ai.openai;

import dev.atom.ai.catalog.ModelListing;
import dev.atom.identity.CurrentUser;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/models} in OpenAI's list format ({@code {"object":"list","data":[{"id","object":"model",
 * "created","owned_by"}]}}): the catalog models the caller can use (catalog's {@link ModelListing}), then
 * {@code atom/default} (the workspace's default routing) and the {@code atom/*} routing policies when there is at
 * least one. {@code owned_by} is the provider id.
 */
@Component
class ModelList {
    static final List<String> POLICIES =
            List.of("atom/default", "atom/cheapest", "atom/fastest", "atom/best", "atom/balanced");

    private final ModelListing listing;

    ModelList(ModelListing listing) {
        this.listing = listing;
    }

    ObjectNode list(CurrentUser user, OpenAiJson json) {
        ObjectNode answer = json.object();
        answer.put("object", "list");
        ArrayNode data = answer.putArray("data");
        for (ModelListing.Listed listed : listing.usable(user.workspaceId(), user.userId())) {
            entry(data, listed.model().id(), listed.model().provider());
        }
        if (!data.isEmpty()) {
            POLICIES.forEach(policy -> entry(data, policy, "atom"));
        }
        return answer;
    }

    private static void entry(ArrayNode data, String id, String owner) {
        ObjectNode entry = data.addObject();
        entry.put("id", id);
        entry.put("object", "model");
        entry.put("created", 0);
        entry.put("owned_by", owner);
    }
}
