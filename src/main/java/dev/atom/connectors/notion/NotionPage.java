package dev.atom.connectors.notion;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A Notion page as actions and the trigger return it, with its properties flattened. */
@Schema(description = "A Notion page")
record NotionPage(
        @Schema(description = "The page id") String id,

        @Schema(description = "The page in Notion", format = "uri") @Nullable
        String url,

        @Schema(description = "When it was created", format = "date-time") @Nullable
        String createdTime,

        @Schema(description = "When it was last edited (Notion rounds to the minute)", format = "date-time") @Nullable
        String lastEditedTime,

        @Schema(description = "True when archived (in the trash)")
        boolean archived,

        @Schema(
                description = "Property name -> value: text, numbers, dates, select names and lists of names"
                        + " as plain values; other types as Notion sent them")
        JsonNode properties) {

    static NotionPage of(JsonNode p) {
        return new NotionPage(
                p.path("id").asString(),
                NotionApi.text(p.get("url")),
                NotionApi.text(p.get("created_time")),
                NotionApi.text(p.get("last_edited_time")),
                p.path("archived").asBoolean(false) || p.path("in_trash").asBoolean(false),
                NotionProperties.flatten(p.path("properties")));
    }

    /**
     * The data source of a database (Notion's 2025-09-03 API keeps rows and their schema in data sources; a
     * database shown in the UI has one unless someone added more, then the first is used).
     */
    static String dataSource(ActionContext ctx, String databaseId, String field) {
        JsonNode db = NotionApi.get(ctx, "/databases/" + databaseId, field);
        String id = NotionApi.text(db.path("data_sources").path(0).get("id"));
        if (id == null) {
            throw new ConnectorException.NotFound(field, "a data source of the database to read");
        }
        return id;
    }

    /** Property name -> type of a data source's schema. */
    static Map<String, String> schema(ActionContext ctx, String dataSourceId, String field) {
        JsonNode ds = NotionApi.get(ctx, "/data_sources/" + dataSourceId, field);
        Map<String, String> out = new LinkedHashMap<>();
        for (var p : ds.path("properties").properties()) {
            out.put(p.getKey(), p.getValue().path("type").asString(""));
        }
        return out;
    }
}
