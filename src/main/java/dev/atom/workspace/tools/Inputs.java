package dev.atom.workspace.tools;

import dev.atom.shared.web.ApiException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reading a tool's input: fields the schema already checked, plus the few checks a schema cannot make. */
public final class Inputs {
    /** For outputs built from records. */
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private Inputs() {}

    /** A copy of the input object to change (an empty object when there is none). */
    public static ObjectNode copy(JsonNode input) {
        return input instanceof ObjectNode o ? o.deepCopy() : JSON.createObjectNode();
    }

    /** A string field, stripped; null when absent, null or blank. */
    public static String text(JsonNode input, String field) {
        JsonNode v = input == null ? null : input.get(field);
        if (v == null || v.isNull() || !v.isString() || v.asString().isBlank()) {
            return null;
        }
        return v.asString().strip();
    }

    /** A required string field: a 400 naming it when missing. */
    public static String required(JsonNode input, String field) {
        String v = text(input, field);
        if (v == null) {
            throw ApiException.invalid(field, "is required");
        }
        return v;
    }

    /** A whole number field, or {@code fallback}; the schema gives the bounds. */
    public static int number(JsonNode input, String field, int fallback) {
        JsonNode v = input == null ? null : input.get(field);
        return v == null || !v.isIntegralNumber() ? fallback : v.asInt();
    }

    public static Boolean flag(JsonNode input, String field) {
        JsonNode v = input == null ? null : input.get(field);
        return v == null || !v.isBoolean() ? null : v.asBoolean();
    }

    public static List<String> texts(JsonNode input, String field) {
        JsonNode v = input == null ? null : input.get(field);
        if (v == null || !v.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        v.forEach(e -> out.add(e.asString("")));
        return out;
    }

    /**
     * A date or date-time (with or without offset) as an offset date-time: local ones are read in {@code zone},
     * a date alone at the end of that day when {@code endOfDay}, else at its start.
     */
    public static OffsetDateTime dateTime(String value, ZoneId zone, boolean endOfDay, String field) {
        try {
            if (value.length() == 10) {
                LocalDate d = LocalDate.parse(value);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(zone).toOffsetDateTime();
            }
            try {
                return OffsetDateTime.parse(value);
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(value).atZone(zone).toOffsetDateTime();
            }
        } catch (DateTimeException e) {
            throw ApiException.invalid(field, "must be ISO-8601: 2026-03-02, 2026-03-02T15:00 or with an offset");
        }
    }
}
