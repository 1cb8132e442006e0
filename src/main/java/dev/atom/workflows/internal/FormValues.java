package dev.atom.workflows.internal;

import dev.atom.shared.web.ApiException.FieldError;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * How the builder reads one input's text by its name's suffix ({@code :json}, {@code :number}, {@code
 * :boolean}, {@code :value}, {@code :list}; plain text otherwise) and how it shows a {@code :value}. Stateless.
 */
final class FormValues {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private FormValues() {}

    static JsonNode value(String kind, String text, String path, List<FieldError> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        return switch (kind) {
            case "number" -> number(t);
            case "boolean" ->
                t.equals("true") || t.equals("false") ? NODES.booleanNode(t.equals("true")) : NODES.stringNode(t);
            case "json" -> {
                try {
                    yield JSON.readTree(t);
                } catch (JacksonException ex) {
                    if (t.startsWith("{{") && t.endsWith("}}")) {
                        yield NODES.stringNode(t); // a bare expression is a template string
                    }
                    problems.add(new FieldError(path, "is not valid JSON (strings need double quotes)"));
                    yield NODES.stringNode(t);
                }
            }
            case "value" -> loose(t, text);
            case "list" -> {
                ArrayNode list = NODES.arrayNode();
                for (String item : t.split(",")) {
                    if (!item.isBlank()) {
                        list.add(item.strip());
                    }
                }
                yield list;
            }
            default -> NODES.stringNode(text);
        };
    }

    /** A fixed value typed in one line: JSON when it reads as JSON ({@code 3}, {@code true}, {@code "3"}), else text. */
    private static JsonNode loose(String t, String text) {
        try {
            return JSON.readTree(t);
        } catch (JacksonException notJson) {
            return NODES.stringNode(text);
        }
    }

    /** How {@link #loose} shows a value: text as is unless it would read back as something else. */
    static String looseText(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isString() && !v.asString().isBlank()) {
            String s = v.asString();
            try {
                JSON.readTree(s.strip());
            } catch (JacksonException notJson) {
                return s.equals(s.strip()) ? s : JSON.writeValueAsString(v);
            }
        }
        return JSON.writeValueAsString(v);
    }

    /** Whole numbers stay integral (checks such as retry.max want them so); anything else not numeric is text. */
    private static JsonNode number(String t) {
        if (!NUMBER.matcher(t).matches()) {
            return NODES.stringNode(t); // an expression, typed and checked at run time
        }
        BigDecimal n = new BigDecimal(t);
        try {
            long whole = n.longValueExact();
            return whole == (int) whole ? NODES.numberNode((int) whole) : NODES.numberNode(whole);
        } catch (ArithmeticException notWhole) {
            return NODES.numberNode(n);
        }
    }
}
