package dev.atom.assistant;

import dev.atom.tools.ToolContext;
import dev.atom.tools.ToolResult;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The assistant without a model: a bean of this type (the deterministic intent parser) answers a turn when the
 * person holds no usable AI key or asks for {@code atom/offline}. It acts only through {@code tools}, which applies
 * the same rules as a model's calls (reads and own writes run at once with undo, other writes wait for approval:
 * their result's output is {@code {"status":"waiting_for_approval","actionId","preview"}}). Without such a bean,
 * or when it answers empty (not understood), the turn answers with a pointer to adding a key.
 */
public interface OfflineAssistant {

    /** The answer to {@code text}, naming the items it is about, or empty when the request is not understood. */
    Optional<String> answer(ToolContext context, String text, Tools tools);

    /** Calls a tool by name under the assistant's rules; the input is validated against the tool's schema. */
    @FunctionalInterface
    interface Tools {
        ToolResult call(String tool, JsonNode input);
    }
}
