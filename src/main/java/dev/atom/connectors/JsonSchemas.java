package dev.atom.connectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Derives a JSON Schema (draft 2020-12 subset) from a record type: records become closed objects whose
 * components are required unless their type is {@code @Nullable}; strings, numbers, booleans, enums (their
 * Jackson names), lists, sets, arrays, maps with string keys, nested records, {@code JsonNode} (anything) and
 * common value types (Instant: date-time, URI: uri...). {@link Schema} adds descriptions, examples, formats
 * and bounds. Recursive records are refused. Stateless and thread-safe.
 */
public final class JsonSchemas {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonSchemas() {}

    /** The schema of {@code type}, a record. */
    public static ObjectNode of(Class<? extends Record> type) {
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.setAll(node(type, new ArrayDeque<>()));
        return schema;
    }

    private static ObjectNode node(Type type, Deque<Class<?>> path) {
        if (type instanceof WildcardType w) {
            return node(w.getUpperBounds()[0], path);
        }
        if (type instanceof GenericArrayType g) {
            return array(node(g.getGenericComponentType(), path));
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                ObjectNode array = array(node(args[0], path));
                if (java.util.Set.class.isAssignableFrom(raw)) {
                    array.put("uniqueItems", true);
                }
                return array;
            }
            if (Map.class.isAssignableFrom(raw)) {
                if (args[0] != String.class) {
                    throw new IllegalArgumentException("map keys must be strings: " + type);
                }
                ObjectNode map = type("object");
                map.set("additionalProperties", node(args[1], path));
                return map;
            }
            throw new IllegalArgumentException("unsupported generic type " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class || c == CharSequence.class || c == char.class || c == Character.class) {
            return type("string");
        }
        if (c == boolean.class || c == Boolean.class) {
            return type("boolean");
        }
        if (c == int.class || c == Integer.class) {
            return bounded(type("integer"), Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (c == long.class
                || c == Long.class
                || c == short.class
                || c == Short.class
                || c == byte.class
                || c == Byte.class
                || c == BigInteger.class) {
            return type("integer");
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class || c == BigDecimal.class) {
            return type("number");
        }
        if (c == Instant.class || c == OffsetDateTime.class || c == ZonedDateTime.class) {
            return format("date-time");
        }
        if (c == LocalDate.class) {
            return format("date");
        }
        if (c == LocalDateTime.class) {
            return format("date-time-local");
        }
        if (c == URI.class) {
            return format("uri");
        }
        if (c == UUID.class) {
            return format("uuid");
        }
        if (c == Duration.class) {
            return format("duration");
        }
        if (JsonNode.class.isAssignableFrom(c) || c == Object.class) {
            return NODES.objectNode();
        }
        if (c.isEnum()) {
            ObjectNode e = type("string");
            ArrayNode values = e.putArray("enum");
            for (Object constant : c.getEnumConstants()) {
                values.add(enumName((Enum<?>) constant));
            }
            return e;
        }
        if (c.isArray()) {
            return array(node(c.getComponentType(), path));
        }
        if (c.isRecord()) {
            return record(c, path);
        }
        throw new IllegalArgumentException("unsupported type " + c.getName());
    }

    private static ObjectNode record(Class<?> c, Deque<Class<?>> path) {
        if (path.contains(c)) {
            throw new IllegalArgumentException("recursive record " + c.getName() + " is not supported");
        }
        path.push(c);
        ObjectNode schema = type("object");
        Schema doc = c.getAnnotation(Schema.class);
        if (doc != null && !doc.description().isEmpty()) {
            schema.put("description", doc.description());
        }
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (RecordComponent component : c.getRecordComponents()) {
            String name = propertyName(component);
            ObjectNode property = node(component.getGenericType(), path);
            describe(property, component.getAnnotation(Schema.class));
            properties.set(name, property);
            if (!isNullable(component.getAnnotatedType())) {
                required.add(name);
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        path.pop();
        return schema;
    }

    /** The JSON name of a record component: its {@code @JsonProperty} value, else its name. */
    public static String propertyName(RecordComponent component) {
        JsonProperty renamed = component.getAnnotation(JsonProperty.class);
        if (renamed == null && component.getAccessor() != null) {
            renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        }
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
    }

    private static boolean isNullable(AnnotatedType type) {
        return type.isAnnotationPresent(Nullable.class);
    }

    private static String enumName(Enum<?> constant) {
        try {
            JsonProperty p =
                    constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return p != null && !p.value().isEmpty() ? p.value() : constant.name();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }

    private static void describe(ObjectNode property, Schema doc) {
        if (doc == null) {
            return;
        }
        if (!doc.description().isEmpty()) {
            property.put("description", doc.description());
        }
        if (!doc.format().isEmpty()) {
            property.put("format", doc.format());
        }
        if (doc.minLength() >= 0) {
            property.put("minLength", doc.minLength());
        }
        if (doc.maxLength() >= 0) {
            property.put("maxLength", doc.maxLength());
        }
        if (!Double.isNaN(doc.minimum())) {
            putNumber(property, "minimum", doc.minimum());
        }
        if (!Double.isNaN(doc.maximum())) {
            putNumber(property, "maximum", doc.maximum());
        }
        if (doc.examples().length > 0) {
            ArrayNode examples = property.putArray("examples");
            for (String example : doc.examples()) {
                examples.add(example(example));
            }
        }
    }

    private static JsonNode example(String text) {
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            return NODES.stringNode(text);
        }
    }

    private static void putNumber(ObjectNode node, String name, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            node.put(name, (long) value);
        } else {
            node.put(name, value);
        }
    }

    private static ObjectNode type(String name) {
        ObjectNode node = NODES.objectNode();
        node.put("type", name);
        return node;
    }

    private static ObjectNode format(String format) {
        ObjectNode node = type("string");
        node.put("format", format);
        return node;
    }

    private static ObjectNode array(ObjectNode items) {
        ObjectNode node = type("array");
        node.set("items", items);
        return node;
    }

    private static ObjectNode bounded(ObjectNode node, long min, long max) {
        node.put("minimum", min);
        node.put("maximum", max);
        return node;
    }
}
