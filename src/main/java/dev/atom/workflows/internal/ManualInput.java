package dev.atom.workflows.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The input of a manual run as typed into the "Run now" form: a JSON object, as {@code POST
 * /api/v1/workflows/{id}/runs} takes it ({@code {"input": {...}}}); blank means {@code {}}. Stateless.
 */
final class ManualInput {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int MAX_REASON = 160;

    /** Exactly one of the two is set: the object to run with, or why the text is not one. */
    record Parsed(JsonNode input, String error) {}

    private ManualInput() {}

    static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return new Parsed(JSON.createObjectNode(), null);
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            return new Parsed(null, "Not valid JSON" + where(e) + reason(e));
        }
        if (node == null || !node.isObject()) {
            return new Parsed(null, "Must be a JSON object, such as {\"name\": \"Ann\"}.");
        }
        return new Parsed(node, null);
    }

    /** The object pretty-printed for the textarea. */
    static String pretty(JsonNode input) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(input);
    }

    private static String where(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1
                ? ""
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** Jackson's own words without the excerpt of the source it appends: the user sees the text anyway. */
    private static String reason(JacksonException e) {
        String reason = e.getOriginalMessage();
        if (reason == null || reason.isBlank()) {
            return ".";
        }
        reason = reason.strip();
        return ": " + (reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason);
    }
}
