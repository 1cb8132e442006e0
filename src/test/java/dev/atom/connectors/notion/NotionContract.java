package dev.atom.connectors.notion;

import dev.atom.testing.OpenApiContract;
import tools.jackson.databind.node.ObjectNode;

/**
 * Notion's description ({@code ../shared/api-specs/notion.json}, from @notionhq/notion-mcp-server), made
 * strict (undeclared fields and query parameters are violations, as Notion answers them with 400
 * validation_error) with two corrections where the MCP server's description is narrower than the REST API:
 * <ul>
 *   <li>{@code POST /v1/pages} {@code children}: the MCP tool passes blocks as JSON text (items of type
 *       string); the REST API takes block objects, the same as {@code PATCH /v1/blocks/{id}/children}, whose
 *       block schema is used (developers.notion.com/reference/post-page).
 *   <li>{@code sortObject}: the REST API also sorts by a timestamp ({@code {"timestamp":"last_edited_time",
 *       "direction":...}}), which the description leaves out (developers.notion.com/reference/sort-data-source-entries).
 * </ul>
 */
final class NotionContract {
    private NotionContract() {}

    static OpenApiContract contract() {
        return OpenApiContract.strict("notion.json", "rest-children-and-timestamp-sorts", spec -> {
            ObjectNode children = (ObjectNode) OpenApiContract.operation(spec, "/v1/pages", "post")
                    .path("requestBody")
                    .path("content")
                    .path("application/json")
                    .path("schema")
                    .path("properties")
                    .path("children");
            children.putObject("items").put("$ref", "#/components/schemas/blockObjectRequest");
            ObjectNode schemas = (ObjectNode) spec.path("components").path("schemas");
            ObjectNode byProperty = (ObjectNode) schemas.get("sortObject").deepCopy();
            ObjectNode byTimestamp = schemas.putObject("timestampSortObject");
            byTimestamp.put("type", "object");
            byTimestamp.putArray("required").add("timestamp").add("direction");
            ObjectNode props = byTimestamp.putObject("properties");
            ObjectNode timestamp = props.putObject("timestamp");
            timestamp.put("type", "string");
            timestamp.putArray("enum").add("created_time").add("last_edited_time");
            props.set("direction", byProperty.path("properties").path("direction"));
            schemas.set("propertySortObject", byProperty);
            ObjectNode sort = schemas.putObject("sortObject");
            sort.putArray("oneOf")
                    .add(spec.objectNode().put("$ref", "#/components/schemas/propertySortObject"))
                    .add(spec.objectNode().put("$ref", "#/components/schemas/timestampSortObject"));
        });
    }
}
