package dev.atom.assistant.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * Checks a tool input against the tool's JSON Schema before the tool is called (the SPI promises validated input):
 * type (also as a list), properties, required, additionalProperties (false or a schema), enum, const, items,
 * minItems/maxItems, minLength/maxLength, pattern, minimum/maximum. Keywords outside this set are not checked; the
 * tool still refuses what it cannot take. Each problem names the field by its path ({@code due.time},
 * {@code attendees[1]}). Stateless.
 */
final class SchemaCheck {
    private SchemaCheck() {}

    record Problem(String field, String message) {}

    static List<Problem> problems(JsonNode value, JsonNode schema) {
        List<Problem> out = new ArrayList<>();
        check(value, schema, "", out);
        return out;
    }

    private static void check(JsonNode value, JsonNode schema, String path, List<Problem> out) {
        if (schema == null || !schema.isObject()) {
            return;
        }
        String field = path.isEmpty() ? "input" : path;
        JsonNode type = schema.get("type");
        if (type != null && !typeMatches(value, type)) {
            out.add(new Problem(field, "must be " + (type.isArray() ? "one of " + type : "a " + type.asString())));
            return;
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && allowed.isArray() && allowed.valueStream().noneMatch(value::equals)) {
            out.add(new Problem(field, "must be one of " + allowed));
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            out.add(new Problem(field, "must be " + schema.get("const")));
        }
        if (value.isObject()) {
            object(value, schema, path, out);
        } else if (value.isArray()) {
            array(value, schema, path, out);
        } else if (value.isString()) {
            string(value.asString(), schema, field, out);
        } else if (value.isNumber()) {
            if (schema.has("minimum")
                    && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                out.add(new Problem(field, "must be at least " + schema.get("minimum")));
            }
            if (schema.has("maximum")
                    && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                out.add(new Problem(field, "must be at most " + schema.get("maximum")));
            }
        }
    }

    private static void object(JsonNode value, JsonNode schema, String path, List<Problem> out) {
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            String name = required.asString();
            if (!value.has(name) || value.get(name).isNull()) {
                out.add(new Problem(join(path, name), "is required"));
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        for (String name : value.propertyNames()) {
            JsonNode child = value.get(name);
            if (properties.has(name)) {
                if (!child.isNull()) { // null stands for "not given": a required one was reported above
                    check(child, properties.get(name), join(path, name), out);
                }
            } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                out.add(new Problem(join(path, name), "is not a field of this tool"));
            } else if (additional != null && additional.isObject()) {
                check(child, additional, join(path, name), out);
            }
        }
    }

    private static void array(JsonNode value, JsonNode schema, String path, List<Problem> out) {
        String field = path.isEmpty() ? "input" : path;
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            out.add(new Problem(field, "must have at least " + schema.get("minItems") + " items"));
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            out.add(new Problem(field, "must have at most " + schema.get("maxItems") + " items"));
        }
        JsonNode items = schema.get("items");
        for (int i = 0; items != null && i < value.size(); i++) {
            check(value.get(i), items, field + "[" + i + "]", out);
        }
    }

    private static void string(String s, JsonNode schema, String field, List<Problem> out) {
        int length = s.codePointCount(0, s.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            out.add(new Problem(field, "must be at least " + schema.get("minLength") + " characters"));
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            out.add(new Problem(field, "must be at most " + schema.get("maxLength") + " characters"));
        }
        if (schema.has("pattern")) {
            try {
                if (!Pattern.compile(schema.get("pattern").asString())
                        .matcher(s)
                        .find()) {
                    out.add(new Problem(
                            field, "must match " + schema.get("pattern").asString()));
                }
            } catch (PatternSyntaxException e) {
                // a pattern Java cannot read is the tool's to enforce
            }
        }
    }

    private static boolean typeMatches(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            return type.valueStream().anyMatch(t -> typeMatches(value, t));
        }
        return switch (type.asString()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" ->
                value.isIntegralNumber()
                        || (value.isNumber()
                                && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
