package dev.atom.connectors.jira;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Atlassian Document Format, which Jira v3 wants for descriptions and comments: plain text becomes a
 * document of paragraphs (split at blank lines), line breaks inside a paragraph become {@code hardBreak}s;
 * and back to plain text for reading. Stateless.
 */
final class Adf {
    private Adf() {}

    static ObjectNode fromText(String text) {
        ObjectNode doc = JiraApi.JSON.createObjectNode();
        doc.put("type", "doc");
        doc.put("version", 1);
        ArrayNode content = doc.putArray("content");
        for (String para : text.replace("\r\n", "\n").strip().split("\n\\s*\n")) {
            ObjectNode p = content.addObject();
            p.put("type", "paragraph");
            ArrayNode inline = p.putArray("content");
            String[] lines = para.split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    inline.addObject().put("type", "hardBreak");
                }
                if (!lines[i].isEmpty()) {
                    inline.addObject().put("type", "text").put("text", lines[i]);
                }
            }
        }
        return doc;
    }

    /** The text of a document: paragraphs separated by blank lines; null for no document. */
    static String toText(JsonNode doc) {
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
            return null;
        }
        if (doc.isString()) {
            return doc.asString(); // Data Center and v2 answers carry plain text
        }
        List<String> blocks = new ArrayList<>();
        for (JsonNode block : doc.path("content")) {
            StringBuilder sb = new StringBuilder();
            append(block, sb);
            blocks.add(sb.toString());
        }
        return String.join("\n\n", blocks);
    }

    private static void append(JsonNode node, StringBuilder sb) {
        switch (node.path("type").asString("")) {
            case "text" -> sb.append(node.path("text").asString(""));
            case "hardBreak" -> sb.append('\n');
            default -> node.path("content").forEach(child -> append(child, sb));
        }
    }
}
