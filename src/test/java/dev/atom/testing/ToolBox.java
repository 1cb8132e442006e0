package dev.atom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.tools.Tool;
import dev.atom.tools.ToolContext;
import dev.atom.tools.ToolResult;
import dev.atom.tools.ToolSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tools of the running app, as the assistant's catalog sees them (every {@link Tool} bean and every {@link
 * ToolSource}'s tools for the caller), called through the SPI the way the assistant will call them.
 */
public final class ToolBox {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final List<Tool> beans;
    private final List<ToolSource> sources;

    public ToolBox(List<Tool> beans, List<ToolSource> sources) {
        this.beans = beans;
        this.sources = sources;
    }

    public static ToolContext context(TestUsers.User user) {
        return new ToolContext(user.workspaceId(), user.id(), BERLIN, "chat", null);
    }

    /** All tools the caller may use. */
    public List<Tool> available(ToolContext context) {
        List<Tool> out = new ArrayList<>(beans);
        sources.forEach(s -> out.addAll(s.tools(context)));
        return out.stream().filter(t -> t.availableTo(context)).toList();
    }

    public Tool tool(ToolContext context, String name) {
        return available(context).stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no tool " + name));
    }

    public ToolResult call(TestUsers.User user, String name, String input) {
        Tool tool = tool(context(user), name);
        JsonNode in = JSON.readTree(input);
        fits(tool, in);
        return tool.call(context(user), in);
    }

    /**
     * A light check that {@code input} fits the tool's schema (known properties, required ones present, the basic
     * types), as the catalog's validation will require before any call: what a test or an undo sends must fit.
     */
    public static void fits(Tool tool, JsonNode input) {
        JsonNode schema = tool.inputSchema();
        assertThat(schema.path("type").asString()).isEqualTo("object");
        JsonNode props = schema.path("properties");
        schema.path("required")
                .forEach(r -> assertThat(input.has(r.asString()))
                        .as("%s needs %s", tool.name(), r.asString())
                        .isTrue());
        for (String field : input.propertyNames()) {
            assertThat(props.has(field))
                    .as("%s has no field %s", tool.name(), field)
                    .isTrue();
            JsonNode type = props.get(field).path("type");
            List<String> types = new ArrayList<>();
            if (type.isArray()) {
                type.forEach(t -> types.add(t.asString()));
            } else if (type.isString()) {
                types.add(type.asString());
            }
            if (types.isEmpty()) {
                continue;
            }
            JsonNode v = input.get(field);
            String actual = v.isNull()
                    ? "null"
                    : v.isString()
                            ? "string"
                            : v.isIntegralNumber()
                                    ? "integer"
                                    : v.isBoolean()
                                            ? "boolean"
                                            : v.isArray() ? "array" : v.isObject() ? "object" : "number";
            assertThat(types)
                    .as("%s.%s is %s", tool.name(), field, actual)
                    .anyMatch(t -> t.equals(actual) || (t.equals("number") && actual.equals("integer")));
        }
    }

    /** Calls it and expects it done. */
    public ToolResult.Done done(TestUsers.User user, String name, String input) {
        ToolResult r = call(user, name, input);
        assertThat(r).as(name + " " + input).isInstanceOf(ToolResult.Done.class);
        return (ToolResult.Done) r;
    }

    /** Calls it and expects a failure naming {@code field} (null: none). */
    public ToolResult.Failed failed(TestUsers.User user, String name, String input, String field) {
        ToolResult r = call(user, name, input);
        assertThat(r).as(name + " " + input).isInstanceOf(ToolResult.Failed.class);
        ToolResult.Failed f = (ToolResult.Failed) r;
        assertThat(f.field()).as(f.message()).isEqualTo(field);
        return f;
    }

    /** Runs a done call's undo as the same user; the undo must exist. */
    public ToolResult.Done undo(TestUsers.User user, ToolResult.Done done) {
        assertThat(done.undo()).as(done.summary()).isNotNull();
        Tool tool = tool(context(user), done.undo().tool());
        fits(tool, done.undo().input());
        ToolResult r = tool.call(context(user), done.undo().input());
        assertThat(r).as(done.undo().toString()).isInstanceOf(ToolResult.Done.class);
        return (ToolResult.Done) r;
    }

    public Tool.Effect effectOf(TestUsers.User user, String name, String input) {
        return tool(context(user), name).effectOf(context(user), JSON.readTree(input));
    }

    public String preview(TestUsers.User user, String name, String input) {
        return tool(context(user), name).preview(context(user), JSON.readTree(input));
    }

    public static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
