package dev.atom.workflows.internal;

import dev.atom.shared.web.ApiException;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Definitions as files: JSON or YAML in, JSON or YAML out. YAML is read into the same JSON tree, so both go
 * through the same checks. Stateless.
 */
final class DefinitionFormats {
    static final int MAX_CHARS = 1 << 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private DefinitionFormats() {}

    /** Whether a Content-Type or format name means YAML. */
    static boolean isYaml(String typeOrFormat) {
        String t = typeOrFormat == null ? "" : typeOrFormat.toLowerCase(Locale.ROOT);
        return t.contains("yaml") || t.equals("yml");
    }

    /** Reads a definition file; a syntax error is a 400 naming the line. */
    static JsonNode read(String text, boolean yaml) {
        if (text == null || text.isBlank()) {
            throw ApiException.invalid("definition", "is empty: send the definition as JSON or YAML");
        }
        if (text.length() > MAX_CHARS) {
            throw ApiException.invalid("definition", "is larger than 1 MiB");
        }
        try {
            return yaml ? YAML.readTree(text) : JSON.readTree(text);
        } catch (JacksonException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw ApiException.invalid(
                    "definition", "is not valid " + (yaml ? "YAML" : "JSON") + where + ": " + e.getOriginalMessage());
        }
    }

    /** A workflow's draft as a file to download, JSON or YAML by {@code format}; 400 for another format. */
    static ResponseEntity<String> download(Workflow w, String format) {
        boolean yaml = isYaml(format);
        if (!yaml && !format.equalsIgnoreCase("json")) {
            throw ApiException.invalid("format", "must be json or yaml");
        }
        String file = w.name().replaceAll("[^A-Za-z0-9._-]+", "-") + (yaml ? ".yaml" : ".json");
        return ResponseEntity.ok()
                .contentType(yaml ? MediaType.parseMediaType("application/yaml") : MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .body(write(JSON.readTree(w.draft()), yaml));
    }

    static String write(JsonNode definition, boolean yaml) {
        return yaml
                ? YAML.writeValueAsString(definition)
                : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(definition);
    }
}
