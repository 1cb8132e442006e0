package dev.atom.connectors.notion;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Notion's writes (create, update, append) through the running app against WireMock ({@link NotionTestBase}). */
class NotionWritesTest extends NotionTestBase {
    @Test
    void createsADatabaseRowFromPlainValuesByTheSchema() {
        database();
        json(
                get(urlPathEqualTo("/v1/data_sources/" + DS)),
                200,
                "{\"object\":\"data_source\",\"id\":\"" + DS + "\",\"properties\":{"
                        + "\"Name\":{\"id\":\"title\",\"name\":\"Name\",\"type\":\"title\",\"title\":{}},"
                        + "\"Status\":{\"id\":\"s\",\"name\":\"Status\",\"type\":\"status\",\"status\":{}},"
                        + "\"Tags\":{\"id\":\"t\",\"name\":\"Tags\",\"type\":\"multi_select\",\"multi_select\":{}},"
                        + "\"Due\":{\"id\":\"d\",\"name\":\"Due\",\"type\":\"date\",\"date\":{}},"
                        + "\"Points\":{\"id\":\"p\",\"name\":\"Points\",\"type\":\"number\",\"number\":{}},"
                        + "\"Done\":{\"id\":\"c\",\"name\":\"Done\",\"type\":\"checkbox\",\"checkbox\":{}},"
                        + "\"Score\":{\"id\":\"f\",\"name\":\"Score\",\"type\":\"formula\",\"formula\":{}}}}");
        json(post(urlPathEqualTo("/v1/pages")), 200, ROW);
        JsonNode out = output(
                "notion.create_page",
                Map.of(
                        "databaseId",
                        DB,
                        "title",
                        "Fix login",
                        "properties",
                        Map.of(
                                "Status",
                                "Doing",
                                "Tags",
                                "urgent, web",
                                "Due",
                                "2026-03-02",
                                "Points",
                                3,
                                "Done",
                                true),
                        "text",
                        "First paragraph.\n\nSecond one."));
        assertThat(out.get("id").asString()).isEqualTo(PAGE);
        STUB.verify(
                postRequestedFor(urlPathEqualTo("/v1/pages"))
                        .withRequestBody(
                                equalToJson(
                                        "{\"parent\":{\"database_id\":\"" + DB + "\"},\"properties\":{"
                                                + "\"Status\":{\"status\":{\"name\":\"Doing\"}},"
                                                + "\"Tags\":{\"multi_select\":[{\"name\":\"urgent\"},{\"name\":\"web\"}]},"
                                                + "\"Due\":{\"date\":{\"start\":\"2026-03-02\"}},\"Points\":{\"number\":3},"
                                                + "\"Done\":{\"checkbox\":true},"
                                                + "\"Name\":{\"title\":[{\"type\":\"text\",\"text\":{\"content\":\"Fix login\"}}]}},"
                                                + "\"children\":["
                                                + "{\"type\":\"paragraph\",\"paragraph\":{\"rich_text\":[{\"type\":\"text\",\"text\":{\"content\":\"First paragraph.\"}}]}},"
                                                + "{\"type\":\"paragraph\",\"paragraph\":{\"rich_text\":[{\"type\":\"text\",\"text\":{\"content\":\"Second one.\"}}]}}]}")));

        var bad = run(
                "notion.create_page",
                Map.of("databaseId", DB, "properties", Map.of("Nope", "x", "Score", 2, "Points", "many")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body())
                .contains("properties.Nope")
                .contains("properties.Score")
                .contains("properties.Points");
    }

    @Test
    void createsAPageUnderAPage() {
        json(post(urlPathEqualTo("/v1/pages")), 200, ROW);
        output("notion.create_page", Map.of("parentPageId", PAGE, "title", "Notes", "text", "Hello"));
        STUB.verify(postRequestedFor(urlPathEqualTo("/v1/pages"))
                .withRequestBody(equalToJson("{\"parent\":{\"page_id\":\"" + PAGE + "\"},"
                        + "\"properties\":{\"title\":{\"title\":[{\"type\":\"text\",\"text\":{\"content\":\"Notes\"}}]}},"
                        + "\"children\":[{\"type\":\"paragraph\",\"paragraph\":{\"rich_text\":[{\"type\":\"text\","
                        + "\"text\":{\"content\":\"Hello\"}}]}}]}")));

        var neither = run("notion.create_page", Map.of("title", "x"));
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.body()).contains("databaseId");
    }

    @Test
    void updatesPropertiesByThePagesOwnTypesAndArchives() {
        json(get(urlPathEqualTo("/v1/pages/" + PAGE)), 200, ROW);
        json(patch(urlPathEqualTo("/v1/pages/" + PAGE)), 200, ROW);
        output(
                "notion.update_page",
                Map.of("pageId", PAGE.replace("-", ""), "properties", Map.of("Status", "Done"), "archived", true));
        STUB.verify(patchRequestedFor(urlPathEqualTo("/v1/pages/" + PAGE))
                .withRequestBody(equalToJson(
                        "{\"properties\":{\"Status\":{\"status\":{\"name\":\"Done\"}}},\"archived\":true}")));
    }

    @Test
    void appendsParagraphsAndAMissingPageNamesTheField() {
        json(
                patch(urlPathEqualTo("/v1/blocks/" + PAGE + "/children")),
                200,
                "{\"object\":\"list\",\"results\":[{\"object\":\"block\",\"id\":\"k1\"},{\"object\":\"block\",\"id\":\"k2\"}]}");
        JsonNode out = output("notion.append_text", Map.of("pageId", PAGE, "text", "One\n\nTwo"));
        assertThat(out.get("blockIds").toString()).isEqualTo("[\"k1\",\"k2\"]");

        error(
                patch(urlPathEqualTo("/v1/blocks/" + PAGE + "/children")),
                404,
                "object_not_found",
                "Could not find block with ID.");
        var missing = run("notion.append_text", Map.of("pageId", PAGE, "text", "x"));
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString())
                .isEqualTo("pageId: the page shared with the integration was not found");
        assertThat(missing.json().get("field").asString()).isEqualTo("input.pageId");
    }
}
