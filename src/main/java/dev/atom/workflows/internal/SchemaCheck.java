package dev.atom.workflows.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schema subset an AI step's structured output is checked against: type (object, array, string,
 * number, integer, boolean, null), properties, required, additionalProperties false, items, enum. Enough to
 * hold a model to a shape; unknown keywords are ignored. Stateless.
 */
final class SchemaCheck {
    private static final Set<String> TYPES =
            Set.of("object", "array", "string", "number", "integer", "boolean", "null");

    private SchemaCheck() {}

    /** Reports what is wrong with a schema itself (at definition time). */
    static void checkSchema(JsonNode schema, String path, BiConsumer<String, String> problem) {
        if (!schema.isObject()) {
            problem.accept(path, "must be a JSON Schema object such as {\"type\": \"object\", \"properties\": {...}}");
            return;
        }
        JsonNode type = schema.get("type");
        if (type != null && !(type.isString() && TYPES.contains(type.asString()))) {
            problem.accept(
                    path + ".type",
                    "must be one of "
                            + String.join(", ", TYPES.stream().sorted().toList()));
        }
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            if (!properties.isObject()) {
                problem.accept(path + ".properties", "must be an object of schemas");
            } else {
                for (Map.Entry<String, JsonNode> e : properties.properties()) {
                    checkSchema(e.getValue(), path + ".properties." + e.getKey(), problem);
                }
            }
        }
        if (schema.has("items")) {
            checkSchema(schema.get("items"), path + ".items", problem);
        }
        if (schema.has("required") && !schema.get("required").isArray()) {
            problem.accept(path + ".required", "must be a list of property names");
        }
        if (schema.has("enum") && !schema.get("enum").isArray()) {
            problem.accept(path + ".enum", "must be a list of values");
        }
    }

    /** Every way {@code value} misses {@code schema}, as "path: message" (empty when it fits). */
    static List<String> validate(JsonNode value, JsonNode schema) {
        List<String> out = new ArrayList<>();
        check(value, schema, "$", out);
        return out;
    }

    private static void check(JsonNode value, JsonNode schema, String path, List<String> out) {
        if (schema == null || !schema.isObject()) {
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(value);
            }
            if (!found) {
                out.add(path + ": must be one of " + schema.get("enum"));
            }
        }
        String type = schema.path("type").asString("");
        switch (type) {
            case "object" -> object(value, schema, path, out);
            case "array" -> {
                if (!value.isArray()) {
                    out.add(path + ": must be an array");
                } else {
                    for (int i = 0; i < value.size(); i++) {
                        check(value.get(i), schema.get("items"), path + "[" + i + "]", out);
                    }
                }
            }
            case "string" -> expect(value.isString(), path, "a string", out);
            case "number" -> expect(value.isNumber(), path, "a number", out);
            case "integer" -> expect(value.isIntegralNumber(), path, "a whole number", out);
            case "boolean" -> expect(value.isBoolean(), path, "true or false", out);
            case "null" -> expect(value.isNull(), path, "null", out);
            default -> {
                // no type: any value
            }
        }
    }

    private static void object(JsonNode value, JsonNode schema, String path, List<String> out) {
        if (!value.isObject()) {
            out.add(path + ": must be an object");
            return;
        }
        JsonNode properties = schema.path("properties");
        for (JsonNode r : schema.path("required")) {
            if (!value.has(r.asString())) {
                out.add(path + "." + r.asString() + ": is required");
            }
        }
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (properties.has(e.getKey())) {
                check(e.getValue(), properties.get(e.getKey()), path + "." + e.getKey(), out);
            } else if (schema.path("additionalProperties").isBoolean()
                    && !schema.get("additionalProperties").asBoolean()) {
                out.add(path + "." + e.getKey() + ": is not allowed");
            }
        }
    }

    private static void expect(boolean ok, String path, String what, List<String> out) {
        if (!ok) {
            out.add(path + ": must be " + what);
        }
    }
}
