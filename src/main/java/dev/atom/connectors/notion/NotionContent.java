package dev.atom.connectors.notion;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Appending text to a page, and searching what the integration can see. */
final class NotionContent {
    private NotionContent() {}

    @Schema(description = "Text to add at the end of a page")
    record AppendInput(
            @Schema(description = "The page (or block) id, or its URL")
            String pageId,

            @Schema(description = "The text; blank lines separate paragraphs", minLength = 1, maxLength = 100_000)
            String text) {}

    @Schema(description = "The blocks added")
    record AppendOutput(
            @Schema(description = "The new paragraph blocks' ids, in order")
            List<String> blockIds) {}

    enum ObjectType {
        page,
        data_source
    }

    @Schema(description = "What to search for")
    record SearchInput(
            @Schema(description = "Text to match against titles (empty lists everything shared)") @Nullable
            String query,

            @Schema(description = "Only pages, or only data sources (databases)") @Nullable
            ObjectType only,

            @Schema(description = "How many results (default 20)", minimum = 1, maximum = 100) @Nullable
            Integer pageSize,

            @Schema(description = "nextCursor of the previous answer") @Nullable
            String startCursor) {}

    @Schema(description = "A page or data source found")
    record Found(
            @Schema(description = "page or data_source") String object,

            @Schema(description = "Its id") String id,

            @Schema(description = "Its title") @Nullable String title,

            @Schema(description = "Its page in Notion", format = "uri") @Nullable
            String url,

            @Schema(description = "When it was last edited", format = "date-time") @Nullable
            String lastEditedTime) {}

    @Schema(description = "Search results, most recently edited first")
    record SearchOutput(
            @Schema(description = "What was found") List<Found> results,

            @Schema(description = "Pass as startCursor for more") @Nullable
            String nextCursor,

            @Schema(description = "True when there are more")
            boolean hasMore) {}

    // appending twice adds the text twice: Notion has no idempotency key for it
    static final class Append extends BaseAction<AppendInput, AppendOutput> {
        Append() {
            super(
                    "notion.append_text",
                    "Append text to a page",
                    "Adds paragraphs of text at the end of a Notion page.",
                    AppendInput.class,
                    AppendOutput.class,
                    true,
                    Idempotency.NONE);
        }

        @Override
        public AppendOutput execute(ActionContext ctx, AppendInput in) {
            String page = NotionApi.id(in.pageId(), "pageId");
            ObjectNode body = NotionApi.JSON.createObjectNode();
            body.set("children", NotionPages.paragraphs(in.text(), "text"));
            JsonNode r = NotionApi.send(ctx, "PATCH", "/blocks/" + page + "/children", body, "pageId");
            List<String> ids = new ArrayList<>();
            r.path("results").forEach(b -> ids.add(b.path("id").asString()));
            return new AppendOutput(ids);
        }
    }

    static final class Search extends BaseAction<SearchInput, SearchOutput> {
        Search() {
            super(
                    "notion.search",
                    "Search",
                    "Finds Notion pages and databases shared with the integration by title.",
                    SearchInput.class,
                    SearchOutput.class,
                    false,
                    Idempotency.NATURAL);
        }

        @Override
        public SearchOutput execute(ActionContext ctx, SearchInput in) {
            ObjectNode body = NotionApi.JSON.createObjectNode();
            if (in.query() != null && !in.query().isBlank()) {
                body.put("query", in.query());
            }
            if (in.only() != null) {
                body.putObject("filter")
                        .put("property", "object")
                        .put("value", in.only().name());
            }
            body.putObject("sort").put("direction", "descending").put("timestamp", "last_edited_time");
            if (in.startCursor() != null) {
                body.put("start_cursor", in.startCursor());
            }
            body.put("page_size", in.pageSize() == null ? 20 : in.pageSize());
            JsonNode r = NotionApi.send(ctx, "POST", "/search", body, "query");
            List<Found> found = new ArrayList<>();
            for (JsonNode n : r.path("results")) {
                found.add(new Found(
                        n.path("object").asString(""),
                        n.path("id").asString(""),
                        title(n),
                        NotionApi.text(n.get("url")),
                        NotionApi.text(n.get("last_edited_time"))));
            }
            return new SearchOutput(
                    found,
                    NotionApi.text(r.get("next_cursor")),
                    r.path("has_more").asBoolean(false));
        }
    }

    /** A page's title property, or a data source's title. */
    static String title(JsonNode n) {
        if (n.path("title").isArray()) {
            return NotionProperties.plainText(n.path("title"));
        }
        for (JsonNode p : n.path("properties")) {
            if ("title".equals(p.path("type").asString(""))) {
                return NotionProperties.plainText(p.path("title"));
            }
        }
        return null;
    }
}
