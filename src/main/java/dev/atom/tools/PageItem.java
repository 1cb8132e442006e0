package dev.atom.tools;

import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;

/**
 * The item a page is about ("this task", "this run"), described for the assistant's page context. The module that
 * owns the kind implements it as a bean and checks that the caller may see the item exactly as its own routes do.
 */
public interface PageItem {
    /** The kinds a page may name (its {@code data-chat-kind}). */
    Set<String> KINDS = Set.of("task", "run", "event", "message", "workflow");

    /** One of {@link #KINDS}. */
    String kind();

    /** The item as the caller may see it; empty when there is none or it is not theirs to see (never told apart). */
    Optional<Described> describe(ToolContext context, String id);

    /**
     * @param title a short name for the person, e.g. the task's title
     * @param data the item's fields for the model
     * @param outside whether it carries text from outside Atom (mail, a synced calendar), which is data only
     */
    record Described(String title, JsonNode data, boolean outside) {}

    /** A page item of {@code kind} described by {@code describe}. */
    static PageItem of(String kind, BiFunction<ToolContext, String, Optional<Described>> describe) {
        return new PageItem() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public Optional<Described> describe(ToolContext context, String id) {
                return describe.apply(context, id);
            }
        };
    }
}
