package dev.atom.connectors.googledocs;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.GoogleRest;
import dev.atom.connectors.GoogleRest.Blame;
import dev.atom.connectors.Schema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Documents: created with a title (and text, written by a second call, since {@code documents.create} ignores
 * content), appended to with {@code batchUpdate}'s {@code insertText} at the end of the body, and read as plain
 * text (paragraphs, lists and table cells in order).
 */
final class Documents {
    static final Blame DOCUMENT = Blame.of("documentId", "the document");
    /** The longest text read_text returns; the rest stays in the document. */
    static final int MAX_TEXT = 200_000;

    private Documents() {}

    @Schema(description = "A new document")
    record CreateInput(
            @Schema(description = "Its title", minLength = 1, maxLength = 1024)
            String title,

            @Schema(description = "Its first text (paragraphs separated by new lines)") @Nullable
            String text) {}

    @Schema(description = "A document")
    record Document(
            @Schema(description = "Its id (the long part of its URL after /d/)")
            String documentId,

            @Schema(description = "Its title") String title,

            @Schema(description = "Its page", format = "uri")
            String link) {}

    @Schema(description = "Text to add at the end of a document")
    record AppendInput(
            @Schema(description = "The document's id") String documentId,

            @Schema(description = "The text (a new line starts a new paragraph)", minLength = 1)
            String text) {}

    @Schema(description = "What was appended")
    record Appended(
            @Schema(description = "The document's id") String documentId,

            @Schema(description = "Characters added") int characters) {}

    @Schema(description = "Which document to read")
    record ReadInput(
            @Schema(description = "The document's id") String documentId) {}

    @Schema(description = "A document's text")
    record Text(
            @Schema(description = "The document's id") String documentId,

            @Schema(description = "Its title") String title,

            @Schema(description = "Its text, paragraph by paragraph (table cells in reading order)")
            String text,

            @Schema(description = "True when the text was cut at 200,000 characters")
            boolean truncated,

            @Schema(description = "The revision read") @Nullable
            String revisionId) {}

    // Docs takes no idempotency key: creating or appending twice does it twice
    static final Action<CreateInput, Document> CREATE_DOCUMENT = BaseAction.write(
            "google-docs.create_document",
            "Create a document",
            "Creates a Google Docs document with a title and, optionally, its first text.",
            CreateInput.class,
            Document.class,
            Idempotency.NONE,
            Documents::create);

    static final Action<AppendInput, Appended> APPEND_TEXT = BaseAction.write(
            "google-docs.append_text",
            "Append text",
            "Adds text at the end of a Google Docs document.",
            AppendInput.class,
            Appended.class,
            Idempotency.NONE,
            Documents::append);

    static final Action<ReadInput, Text> READ_TEXT = BaseAction.read(
            "google-docs.read_text",
            "Read a document's text",
            "Reads a Google Docs document as plain text.",
            ReadInput.class,
            Text.class,
            Documents::read);

    private static String path(String documentId) {
        return "/v1/documents/" + GoogleRest.seg(GoogleRest.required(documentId, "documentId"));
    }

    private static Document create(ActionContext ctx, CreateInput in) {
        JsonNode d = GoogleRest.call(
                ctx,
                "POST",
                "/v1/documents",
                Map.of("title", GoogleRest.required(in.title(), "title")),
                Blame.of("title", "the title"));
        String id = d.path("documentId").asString("");
        if (in.text() != null && !in.text().isEmpty()) {
            insert(ctx, id, in.text());
        }
        return new Document(
                id, d.path("title").asString(in.title()), "https://docs.google.com/document/d/" + id + "/edit");
    }

    private static Appended append(ActionContext ctx, AppendInput in) {
        String id = GoogleRest.required(in.documentId(), "documentId");
        if (in.text() == null || in.text().isEmpty()) {
            throw new ConnectorException.InvalidInput("text", "is required");
        }
        insert(ctx, id, in.text());
        return new Appended(id, in.text().length());
    }

    /** {@code insertText} at the end of the body (before its final new line, which Docs keeps). */
    private static void insert(ActionContext ctx, String documentId, String text) {
        Map<String, Object> request =
                Map.of("insertText", Map.of("text", text, "endOfSegmentLocation", Map.of("segmentId", "")));
        GoogleRest.call(ctx, "POST", path(documentId) + ":batchUpdate", Map.of("requests", List.of(request)), DOCUMENT);
    }

    private static Text read(ActionContext ctx, ReadInput in) {
        JsonNode d = GoogleRest.get(
                ctx,
                path(in.documentId()) + GoogleRest.query("fields", "documentId,title,revisionId,body(content)"),
                DOCUMENT);
        StringBuilder text = new StringBuilder();
        collect(d.path("body").path("content"), text);
        boolean cut = text.length() > MAX_TEXT;
        return new Text(
                d.path("documentId").asString(in.documentId()),
                d.path("title").asString(""),
                cut ? text.substring(0, MAX_TEXT) : text.toString(),
                cut,
                GoogleRest.text(d, "revisionId"));
    }

    /** The text runs of structural elements, tables' cells included, in reading order. */
    private static void collect(JsonNode content, StringBuilder out) {
        for (JsonNode element : content) {
            if (out.length() > MAX_TEXT) {
                return;
            }
            for (JsonNode e : element.path("paragraph").path("elements")) {
                out.append(e.path("textRun").path("content").asString(""));
            }
            for (JsonNode row : element.path("table").path("tableRows")) {
                for (JsonNode cell : row.path("tableCells")) {
                    collect(cell.path("content"), out);
                }
            }
            collect(element.path("tableOfContents").path("content"), out);
        }
    }
}
