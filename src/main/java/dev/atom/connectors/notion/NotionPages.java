package dev.atom.connectors.notion;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Querying databases, creating and updating pages. */
final class NotionPages {
    private NotionPages() {}

    @Schema(description = "Which database rows to read")
    record QueryInput(
            @Schema(description = "The database id, or its URL", examples = "\"1a2b3c4d5e6f40718293a4b5c6d7e8f9\"")
            String databaseId,

            @Schema(
                    description = "A Notion filter object, as in Notion's API",
                    examples = "{\"property\":\"Status\",\"status\":{\"equals\":\"Done\"}}")
            @Nullable
            JsonNode filter,

            @Schema(
                    description = "Notion sort objects, as in Notion's API",
                    examples = "[{\"property\":\"Due\",\"direction\":\"ascending\"}]")
            @Nullable
            JsonNode sorts,

            @Schema(description = "How many pages to return (default 100)", minimum = 1, maximum = 100) @Nullable
            Integer pageSize,

            @Schema(description = "nextCursor of the previous answer, for the next page of results") @Nullable
            String startCursor) {}

    @Schema(description = "Database rows")
    record QueryOutput(
            @Schema(description = "The pages (rows)") List<NotionPage> pages,

            @Schema(description = "Pass as startCursor for more; absent on the last page") @Nullable
            String nextCursor,

            @Schema(description = "True when there are more pages")
            boolean hasMore) {}

    @Schema(description = "A new page: in a database (databaseId) or under a page (parentPageId)")
    record CreateInput(
            @Schema(description = "The database to add a row to (its id or URL)") @Nullable
            String databaseId,

            @Schema(description = "The page to create it under (its id or URL)") @Nullable
            String parentPageId,

            @Schema(description = "The title (required under a page; in a database it fills the title property)")
            @Nullable
            String title,

            @Schema(
                    description = "Database properties as name -> plain value (text, number, true/false, a date,"
                            + " a select name, a list of names or ids), converted by the database's schema",
                    examples = "{\"Status\":\"Doing\",\"Tags\":[\"urgent\"],\"Due\":\"2026-03-01\"}")
            @Nullable
            Map<String, JsonNode> properties,

            @Schema(description = "Body text; blank lines separate paragraphs", maxLength = 100_000) @Nullable
            String text) {}

    @Schema(description = "Changes to a page")
    record UpdateInput(
            @Schema(description = "The page id, or its URL") String pageId,

            @Schema(
                    description = "Properties to change as name -> plain value, converted by the page's property"
                            + " types; others stay as they are")
            @Nullable
            Map<String, JsonNode> properties,

            @Schema(description = "true archives (trashes) the page, false restores it") @Nullable
            Boolean archived) {}

    static final class Query extends BaseAction<QueryInput, QueryOutput> {
        Query() {
            super(
                    "notion.query_database",
                    "Query a database",
                    "Reads the rows of a Notion database, with an optional Notion filter and sorts, a page at a time.",
                    QueryInput.class,
                    QueryOutput.class,
                    false,
                    Idempotency.NATURAL);
        }

        @Override
        public QueryOutput execute(ActionContext ctx, QueryInput in) {
            String db = NotionApi.id(in.databaseId(), "databaseId");
            ObjectNode body = NotionApi.JSON.createObjectNode();
            if (in.filter() != null && !in.filter().isNull()) {
                if (!in.filter().isObject()) {
                    throw new ConnectorException.InvalidInput("filter", "must be a Notion filter object");
                }
                body.set("filter", in.filter());
            }
            if (in.sorts() != null && !in.sorts().isNull()) {
                if (!in.sorts().isArray()) {
                    throw new ConnectorException.InvalidInput("sorts", "must be a list of Notion sort objects");
                }
                body.set("sorts", in.sorts());
            }
            if (in.startCursor() != null) {
                body.put("start_cursor", in.startCursor());
            }
            body.put("page_size", in.pageSize() == null ? 100 : in.pageSize());
            return query(ctx, NotionPage.dataSource(ctx, db, "databaseId"), body, "filter");
        }
    }

    /** One query of a data source; a 400 is about {@code blame} (the filter, usually). */
    static QueryOutput query(ActionContext ctx, String dataSource, ObjectNode body, String blame) {
        JsonNode r = NotionApi.send(ctx, "POST", "/data_sources/" + dataSource + "/query", body, blame);
        List<NotionPage> pages = new ArrayList<>();
        for (JsonNode p : r.path("results")) {
            if ("page".equals(p.path("object").asString(""))) {
                pages.add(NotionPage.of(p));
            }
        }
        return new QueryOutput(
                pages, NotionApi.text(r.get("next_cursor")), r.path("has_more").asBoolean(false));
    }

    // Notion takes no idempotency key: a retry after the page was made makes a second one
    static final class Create extends BaseAction<CreateInput, NotionPage> {
        Create() {
            super(
                    "notion.create_page",
                    "Create a page",
                    "Adds a row to a Notion database (properties as plain values) or a page under another page,"
                            + " with optional body text.",
                    CreateInput.class,
                    NotionPage.class,
                    true,
                    Idempotency.NONE);
        }

        @Override
        public NotionPage execute(ActionContext ctx, CreateInput in) {
            if ((in.databaseId() == null) == (in.parentPageId() == null)) {
                throw new ConnectorException.InvalidInput("databaseId", "give either databaseId or parentPageId");
            }
            ObjectNode body = NotionApi.JSON.createObjectNode();
            if (in.databaseId() != null) {
                String db = NotionApi.id(in.databaseId(), "databaseId");
                Map<String, String> schema =
                        NotionPage.schema(ctx, NotionPage.dataSource(ctx, db, "databaseId"), "databaseId");
                Map<String, JsonNode> values =
                        new LinkedHashMap<>(in.properties() == null ? Map.of() : in.properties());
                if (in.title() != null) {
                    schema.entrySet().stream()
                            .filter(e -> e.getValue().equals("title"))
                            .findFirst()
                            .ifPresent(e -> values.putIfAbsent(
                                    e.getKey(), NotionApi.JSON.getNodeFactory().stringNode(in.title())));
                }
                body.putObject("parent").put("database_id", db);
                body.set("properties", NotionProperties.toNotion(values, schema));
            } else {
                if (in.title() == null || in.title().isBlank()) {
                    throw new ConnectorException.InvalidInput("title", "is required for a page under a page");
                }
                if (in.properties() != null && !in.properties().isEmpty()) {
                    throw new ConnectorException.InvalidInput(
                            "properties", "only pages in a database have properties; give the title alone");
                }
                body.putObject("parent").put("page_id", NotionApi.id(in.parentPageId(), "parentPageId"));
                body.putObject("properties").putObject("title").set("title", NotionProperties.richText(in.title()));
            }
            if (in.text() != null && !in.text().isBlank()) {
                body.set("children", paragraphs(in.text(), "text"));
            }
            return NotionPage.of(NotionApi.send(
                    ctx, "POST", "/pages", body, in.databaseId() != null ? "properties" : "parentPageId"));
        }
    }

    static final class Update extends BaseAction<UpdateInput, NotionPage> {
        Update() {
            super(
                    "notion.update_page",
                    "Update a page",
                    "Changes a Notion page's properties (plain values, converted by their types) or archives it.",
                    UpdateInput.class,
                    NotionPage.class,
                    true,
                    Idempotency.NATURAL);
        }

        @Override
        public NotionPage execute(ActionContext ctx, UpdateInput in) {
            String page = NotionApi.id(in.pageId(), "pageId");
            boolean props = in.properties() != null && !in.properties().isEmpty();
            if (!props && in.archived() == null) {
                throw new ConnectorException.InvalidInput("properties", "give properties to change, or archived");
            }
            ObjectNode body = NotionApi.JSON.createObjectNode();
            if (props) {
                // the page's own property types are the schema: no need to know its database
                JsonNode current = NotionApi.get(ctx, "/pages/" + page, "pageId");
                Map<String, String> schema = new LinkedHashMap<>();
                for (var p : current.path("properties").properties()) {
                    schema.put(p.getKey(), p.getValue().path("type").asString(""));
                }
                body.set("properties", NotionProperties.toNotion(in.properties(), schema));
            }
            if (in.archived() != null) {
                body.put("archived", in.archived());
            }
            return NotionPage.of(NotionApi.send(ctx, "PATCH", "/pages/" + page, body, props ? "properties" : "pageId"));
        }
    }

    /** Paragraph blocks of {@code text}, one per blank-line-separated paragraph (Notion takes 100 at once). */
    static ArrayNode paragraphs(String text, String field) {
        ArrayNode blocks = NotionApi.JSON.createArrayNode();
        for (String para : text.strip().split("\\R\\s*\\R")) {
            if (para.isBlank()) {
                continue;
            }
            ObjectNode b = blocks.addObject();
            b.put("type", "paragraph");
            b.putObject("paragraph").set("rich_text", NotionProperties.richText(para.strip()));
        }
        if (blocks.size() > 100) {
            throw new ConnectorException.InvalidInput(
                    field, "has more than 100 paragraphs, which Notion takes at once");
        }
        return blocks;
    }
}
