package dev.atom.connectors.notion;

import dev.atom.connectors.ConnectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Notion property values both ways: read ones flattened to plain values where the type is simple (a title
 * as its text, a select as its name, people as their names), and simple values written as the typed
 * objects Notion wants, by the property's type in the database's schema. Stateless.
 */
final class NotionProperties {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Notion caps one rich text object's content at 2000 characters. */
    static final int MAX_TEXT = 2000;

    private NotionProperties() {}

    /** A page's {@code properties} object with each value flattened. */
    static ObjectNode flatten(JsonNode properties) {
        ObjectNode out = NODES.objectNode();
        for (var p : properties.properties()) {
            out.set(p.getKey(), flat(p.getValue()));
        }
        return out;
    }

    /** One property value, plain where simple; the typed object as Notion sent it otherwise. */
    static JsonNode flat(JsonNode value) {
        String type = value.path("type").asString("");
        JsonNode v = value.path(type);
        return switch (type) {
            case "title", "rich_text" -> NODES.stringNode(plainText(v));
            case "number", "checkbox", "url", "email", "phone_number", "created_time", "last_edited_time" ->
                v.isMissingNode() ? NODES.nullNode() : v;
            case "select", "status" -> v.isNull() || v.isMissingNode() ? NODES.nullNode() : v.path("name");
            case "multi_select" -> names(v, "name");
            case "people" -> names(v, "name");
            case "relation" -> names(v, "id");
            case "created_by", "last_edited_by" -> v.has("name") ? v.path("name") : v.path("id");
            case "date" -> date(v);
            case "files" -> files(v);
            case "unique_id" ->
                v.path("prefix").isString()
                        ? NODES.stringNode(v.path("prefix").asString() + "-"
                                + v.path("number").asString())
                        : v.path("number");
            case "formula" -> v.path(v.path("type").asString(""));
            default -> value;
        };
    }

    static String plainText(JsonNode richText) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode t : richText) {
            sb.append(
                    t.path("plain_text").asString(t.path("text").path("content").asString("")));
        }
        return sb.toString();
    }

    /** A rich text array of {@code text}, cut in Notion's 2000-character pieces. */
    static ArrayNode richText(String text) {
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < text.length(); i += MAX_TEXT) {
            ObjectNode t = out.addObject();
            t.put("type", "text");
            t.putObject("text").put("content", text.substring(i, Math.min(text.length(), i + MAX_TEXT)));
        }
        return out;
    }

    private static JsonNode names(JsonNode array, String field) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode n : array) {
            out.add(n.has(field) ? n.path(field) : n.path("id"));
        }
        return out;
    }

    private static JsonNode date(JsonNode v) {
        if (v.isNull() || v.isMissingNode()) {
            return NODES.nullNode();
        }
        if (v.path("end").isNull() || v.path("end").isMissingNode()) {
            return v.path("start");
        }
        ObjectNode d = NODES.objectNode();
        d.set("start", v.path("start"));
        d.set("end", v.path("end"));
        return d;
    }

    private static JsonNode files(JsonNode v) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode f : v) {
            String kind = f.path("type").asString("");
            out.add(f.path(kind).path("url").asString(f.path("name").asString("")));
        }
        return out;
    }

    /**
     * {@code values} (property name -> simple value, or a typed Notion value object passed as it is) as
     * Notion property values, by the types in {@code schema} (name -> type). A name the schema lacks, a type
     * that cannot be written, or a value of the wrong shape is an {@link ConnectorException.InvalidInput}
     * naming {@code properties.<name>}.
     */
    static ObjectNode toNotion(Map<String, JsonNode> values, Map<String, String> schema) {
        ObjectNode out = NODES.objectNode();
        List<ConnectorException.FieldProblem> problems = new ArrayList<>();
        values.forEach((name, value) -> {
            String field = "properties." + name;
            String type = schema.get(name);
            if (type == null) {
                problems.add(new ConnectorException.FieldProblem(
                        field,
                        "is not a property of the database (it has " + String.join(", ", new TreeSet<>(schema.keySet()))
                                + ")"));
                return;
            }
            if (value != null && value.isObject() && value.has(type)) {
                out.set(name, value); // already Notion's typed shape
                return;
            }
            try {
                out.set(name, typed(type, value));
            } catch (IllegalArgumentException e) {
                problems.add(new ConnectorException.FieldProblem(field, e.getMessage()));
            }
        });
        if (!problems.isEmpty()) {
            throw new ConnectorException.InvalidInput(problems);
        }
        return out;
    }

    private static ObjectNode typed(String type, JsonNode v) {
        ObjectNode out = NODES.objectNode();
        boolean empty = v == null || v.isNull();
        switch (type) {
            case "title", "rich_text" -> out.set(type, empty ? NODES.arrayNode() : richText(scalar(v, type)));
            case "number" -> {
                if (!empty && !v.isNumber()) {
                    throw new IllegalArgumentException("must be a number");
                }
                out.set(type, empty ? NODES.nullNode() : v);
            }
            case "checkbox" -> {
                if (v == null || !v.isBoolean()) {
                    throw new IllegalArgumentException("must be true or false");
                }
                out.set(type, v);
            }
            case "url", "email", "phone_number" ->
                out.set(type, empty ? NODES.nullNode() : NODES.stringNode(scalar(v, type)));
            case "select", "status" -> {
                if (empty) {
                    out.set(type, NODES.nullNode());
                } else {
                    out.putObject(type).put("name", scalar(v, type));
                }
            }
            case "multi_select" -> out.set(type, objects(v, "name"));
            case "people", "relation" -> out.set(type, objects(v, "id"));
            case "date" -> {
                if (empty) {
                    out.set(type, NODES.nullNode());
                } else if (v.isObject() && v.has("start")) {
                    out.set(type, v);
                } else {
                    out.putObject(type).put("start", scalar(v, type));
                }
            }
            default ->
                throw new IllegalArgumentException(
                        "is a " + type + " property, which cannot be set from a plain value (give Notion's {\"" + type
                                + "\": ...} object)");
        }
        return out;
    }

    private static String scalar(JsonNode v, String type) {
        if (v.isString() || v.isNumber() || v.isBoolean()) {
            return v.asString();
        }
        throw new IllegalArgumentException("must be text for a " + type + " property");
    }

    /** A list (or one comma-separated text) as [{field: value}...]. */
    private static ArrayNode objects(JsonNode v, String field) {
        ArrayNode out = NODES.arrayNode();
        if (v == null || v.isNull()) {
            return out;
        }
        List<String> items = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(x -> items.add(scalar(x, "list")));
        } else {
            for (String s : scalar(v, "list").split(",")) {
                if (!s.isBlank()) {
                    items.add(s.strip());
                }
            }
        }
        items.forEach(s -> out.addObject().put(field, s));
        return out;
    }
}
