package dev.atom.assistant.internal.catalog;

import dev.atom.tools.Tool;
import dev.atom.tools.ToolCatalog;
import dev.atom.tools.ToolContext;
import dev.atom.tools.ToolResult;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code find_tools}: the model's way to the whole catalog when the tools it was given do not fit. It answers
 * the best matches (name and description); the turn then offers those tools on its next step. Not a bean, so
 * it never lists itself. Thread-safe.
 */
public final class FindTools implements Tool {
    public static final String NAME = "find_tools";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MATCHES = 10;

    private final ToolCatalog catalog;

    public FindTools(ToolCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Search all the tools you may use (tasks, calendar, inbox, workflows and every action of every"
                + " connected app) by what you want to do, when none of the tools you have fits. The tools found"
                + " become callable on your next step.";
    }

    @Override
    public JsonNode inputSchema() {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.putObject("properties")
                .putObject("query")
                .put("type", "string")
                .put("minLength", 1)
                .put("maxLength", 500)
                .put("description", "What you want to do, in a few words, e.g. \"send a Slack message\"");
        schema.putArray("required").add("query");
        schema.put("additionalProperties", false);
        return schema;
    }

    @Override
    public Effect effect() {
        return Effect.READ;
    }

    /** The tools {@code find_tools} answered, by name, from its output. */
    public static List<String> found(JsonNode output) {
        return output.path("tools")
                .valueStream()
                .map(t -> t.path("name").asString(""))
                .filter(n -> !n.isEmpty())
                .toList();
    }

    @Override
    public ToolResult call(ToolContext context, JsonNode input) {
        String query = input.path("query").asString("");
        List<Tool> matches = catalog.relevant(context, query, List.of(), MATCHES).stream()
                .filter(t -> !t.name().equals(NAME))
                .toList();
        ObjectNode output = NODES.objectNode();
        ArrayNode list = output.putArray("tools");
        matches.forEach(t -> list.addObject().put("name", t.name()).put("description", t.description()));
        if (matches.isEmpty()) {
            output.put("note", "No tool matches; try other words.");
        }
        return new ToolResult.Done(output, "Found " + matches.size() + " tools for \u201c" + query + "\u201d", null);
    }
}
