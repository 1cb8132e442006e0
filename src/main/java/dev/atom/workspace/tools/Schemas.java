package dev.atom.workspace.tools;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small object schema for a tool's input, written field by field with a description the model can use. Closed
 * ({@code additionalProperties: false}) so a misspelt field is refused instead of silently ignored.
 */
public final class Schemas {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final ObjectNode properties = NODES.objectNode();
    private final List<String> required = new ArrayList<>();

    private Schemas() {}

    public static Schemas object() {
        return new Schemas();
    }

    public Schemas string(String name, String description, boolean isRequired) {
        return add(name, type("string", description), isRequired);
    }

    /**
     * An optional string an empty value clears (rather than null, which not every provider's schema dialect takes:
     * Gemini has no type lists).
     */
    public Schemas clearable(String name, String description) {
        return add(name, type("string", description + "; an empty string clears it"), false);
    }

    public Schemas choice(String name, String description, boolean isRequired, String... values) {
        ObjectNode p = type("string", description);
        ArrayNode e = p.putArray("enum");
        for (String v : values) {
            e.add(v);
        }
        return add(name, p, isRequired);
    }

    public Schemas integer(String name, String description, int min, int max, boolean isRequired) {
        ObjectNode p = type("integer", description);
        p.put("minimum", min);
        p.put("maximum", max);
        return add(name, p, isRequired);
    }

    public Schemas bool(String name, String description) {
        return add(name, type("boolean", description), false);
    }

    public Schemas strings(String name, String description, int maxItems) {
        ObjectNode p = type("array", description);
        p.set("items", NODES.objectNode().put("type", "string"));
        p.put("maxItems", maxItems);
        return add(name, p, false);
    }

    /** A property given as a schema of its own (an object, a nullable value). */
    public Schemas raw(String name, JsonNode schema, boolean isRequired) {
        return add(name, (ObjectNode) schema.deepCopy(), isRequired);
    }

    public ObjectNode build() {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        schema.set("properties", properties.deepCopy());
        ArrayNode r = schema.putArray("required");
        required.forEach(r::add);
        schema.put("additionalProperties", false);
        return schema;
    }

    private Schemas add(String name, ObjectNode property, boolean isRequired) {
        properties.set(name, property);
        if (isRequired) {
            required.add(name);
        }
        return this;
    }

    private static ObjectNode type(String type, String description) {
        ObjectNode p = NODES.objectNode();
        p.put("type", type);
        p.put("description", description);
        return p;
    }
}
