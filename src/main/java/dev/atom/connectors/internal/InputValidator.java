package dev.atom.connectors.internal;

import dev.atom.connectors.ConnectorException.FieldProblem;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Checks a JSON value against a schema made by {@link dev.atom.connectors.JsonSchemas} (the subset it
 * emits: type, properties, required, additionalProperties, items, uniqueItems, enum, formats, lengths and
 * bounds) and names every bad field by its path. Stateless.
 */
final class InputValidator {
    private InputValidator() {}

    static List<FieldProblem> validate(JsonNode value, JsonNode schema) {
        return validate(value, schema, v -> false);
    }

    /** As {@link #validate(JsonNode, JsonNode)}, taking values {@code dynamic} accepts as right (templates). */
    static List<FieldProblem> validate(JsonNode value, JsonNode schema, Predicate<JsonNode> dynamic) {
        List<FieldProblem> problems = new ArrayList<>();
        DYNAMIC.set(dynamic);
        try {
            check(value, schema, "", problems);
        } finally {
            DYNAMIC.remove();
        }
        return problems;
    }

    // The recursion below is static; the predicate rides along per thread rather than through every method.
    private static final ThreadLocal<Predicate<JsonNode>> DYNAMIC = ThreadLocal.withInitial(() -> v -> false);

    private static void check(JsonNode value, JsonNode schema, String path, List<FieldProblem> out) {
        if (schema == null || !schema.has("type") || DYNAMIC.get().test(value)) {
            return; // any value
        }
        String type = schema.get("type").asString();
        switch (type) {
            case "object" -> object(value, schema, path, out);
            case "array" -> array(value, schema, path, out);
            case "string" -> string(value, schema, path, out);
            case "integer", "number" -> number(value, schema, path, out, type.equals("integer"));
            case "boolean" -> {
                if (!value.isBoolean()) {
                    out.add(problem(path, "must be true or false"));
                }
            }
            default -> throw new IllegalStateException("schema type " + type);
        }
    }

    private static void object(JsonNode value, JsonNode schema, String path, List<FieldProblem> out) {
        if (!value.isObject()) {
            out.add(problem(path, "must be an object"));
            return;
        }
        JsonNode properties = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        Set<String> required = new HashSet<>();
        if (schema.has("required")) {
            schema.get("required").forEach(r -> required.add(r.asString()));
        }
        if (properties != null) {
            for (Map.Entry<String, JsonNode> p : properties.properties()) {
                JsonNode v = value.get(p.getKey());
                if (v == null || v.isNull()) {
                    if (required.contains(p.getKey())) {
                        out.add(problem(join(path, p.getKey()), "is required"));
                    }
                } else {
                    check(v, p.getValue(), join(path, p.getKey()), out);
                }
            }
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            if (properties != null && properties.has(field.getKey())) {
                continue;
            }
            if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                out.add(problem(join(path, field.getKey()), "is not a known field"));
            } else if (additional != null && additional.isObject()) {
                if (field.getValue().isNull()) {
                    out.add(problem(join(path, field.getKey()), "must not be null"));
                } else {
                    check(field.getValue(), additional, join(path, field.getKey()), out);
                }
            }
        }
    }

    private static void array(JsonNode value, JsonNode schema, String path, List<FieldProblem> out) {
        if (!value.isArray()) {
            out.add(problem(path, "must be a list"));
            return;
        }
        JsonNode items = schema.get("items");
        Set<JsonNode> seen = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            String at = path + "[" + i + "]";
            if (value.get(i).isNull()) {
                out.add(problem(at, "must not be null"));
            } else {
                check(value.get(i), items, at, out);
            }
            if (schema.path("uniqueItems").asBoolean(false) && !seen.add(value.get(i))) {
                out.add(problem(at, "repeats an earlier item"));
            }
        }
    }

    private static void string(JsonNode value, JsonNode schema, String path, List<FieldProblem> out) {
        if (!value.isString()) {
            out.add(problem(path, "must be a string"));
            return;
        }
        String s = value.asString();
        if (schema.has("enum")) {
            List<String> allowed = new ArrayList<>();
            schema.get("enum").forEach(e -> allowed.add(e.asString()));
            if (!allowed.contains(s)) {
                out.add(problem(path, "must be one of " + String.join(", ", allowed)));
            }
            return;
        }
        int length = s.codePointCount(0, s.length());
        if (schema.has("minLength") && length < schema.get("minLength").asLong()) {
            out.add(problem(
                    path,
                    length == 0
                            ? "must not be empty"
                            : "must be at least " + schema.get("minLength").asLong() + " characters"));
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asLong()) {
            out.add(problem(path, "must be at most " + schema.get("maxLength").asLong() + " characters"));
        }
        if (schema.has("format") && !formatOk(schema.get("format").asString(), s)) {
            out.add(problem(path, "must be a valid " + schema.get("format").asString()));
        }
    }

    private static boolean formatOk(String format, String s) {
        try {
            switch (format) {
                case "uri" -> {
                    return new URI(s).isAbsolute();
                }
                case "date-time" -> OffsetDateTime.parse(s);
                case "date" -> LocalDate.parse(s);
                case "uuid" -> UUID.fromString(s);
                case "email" -> {
                    return s.matches("[^@\\s]+@[^@\\s]+");
                }
                default -> {
                    return true;
                }
            }
            return true;
        } catch (URISyntaxException | DateTimeParseException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void number(JsonNode value, JsonNode schema, String path, List<FieldProblem> out, boolean integer) {
        if (!value.isNumber()) {
            out.add(problem(path, integer ? "must be a whole number" : "must be a number"));
            return;
        }
        BigDecimal n = value.decimalValue();
        if (integer && n.stripTrailingZeros().scale() > 0) {
            out.add(problem(path, "must be a whole number"));
            return;
        }
        if (schema.has("minimum") && n.compareTo(schema.get("minimum").decimalValue()) < 0) {
            out.add(problem(path, "must be at least " + schema.get("minimum").asString()));
        }
        if (schema.has("maximum") && n.compareTo(schema.get("maximum").decimalValue()) > 0) {
            out.add(problem(path, "must be at most " + schema.get("maximum").asString()));
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static FieldProblem problem(String path, String message) {
        return new FieldProblem(path, message);
    }
}
