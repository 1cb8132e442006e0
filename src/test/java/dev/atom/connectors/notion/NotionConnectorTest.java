package dev.atom.connectors.notion;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Notion connector through the running app against WireMock, every request checked against Notion's
 * description ({@link NotionContract}).
 */
class NotionConnectorTest extends StubbedServiceTestBase {
    // assembled so no line looks like a real secret
    static final String TOKEN = "ntn_" + "4242".repeat(6) + "TestOnlyNotAReal";
    static final String DB = "1a2b3c4d-5e6f-4071-8293-a4b5c6d7e8f9";
    static final String DS = "2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901";
    static final String PAGE = "3c4d5e6f-7081-4293-a4b5-c6d7e8f90123";
    static final String ROW = "{\"object\":\"page\",\"id\":\"" + PAGE + "\",\"url\":\"https://www.notion.so/Fix-" + PAGE
            + "\",\"created_time\":\"2026-03-01T10:00:00.000Z\",\"last_edited_time\":\"2026-03-01T10:05:00.000Z\","
            + "\"archived\":false,\"in_trash\":false,\"properties\":{"
            + "\"Name\":{\"id\":\"title\",\"type\":\"title\",\"title\":[{\"type\":\"text\",\"plain_text\":\"Fix \","
            + "\"text\":{\"content\":\"Fix \"}},{\"type\":\"text\",\"plain_text\":\"login\",\"text\":{\"content\":\"login\"}}]},"
            + "\"Status\":{\"id\":\"s\",\"type\":\"status\",\"status\":{\"id\":\"x\",\"name\":\"Doing\",\"color\":\"blue\"}},"
            + "\"Tags\":{\"id\":\"t\",\"type\":\"multi_select\",\"multi_select\":[{\"id\":\"1\",\"name\":\"urgent\"}]},"
            + "\"Due\":{\"id\":\"d\",\"type\":\"date\",\"date\":{\"start\":\"2026-03-02\",\"end\":null}},"
            + "\"Points\":{\"id\":\"p\",\"type\":\"number\",\"number\":3},"
            + "\"Done\":{\"id\":\"c\",\"type\":\"checkbox\",\"checkbox\":false},"
            + "\"Owner\":{\"id\":\"o\",\"type\":\"people\",\"people\":[{\"object\":\"user\",\"id\":\"u1\",\"name\":\"Ann\"}]},"
            + "\"Score\":{\"id\":\"f\",\"type\":\"formula\",\"formula\":{\"type\":\"number\",\"number\":6}}}}";

    private TestUsers users;
    private TestUsers.User user;
    private String connection;

    static void json(MappingBuilder m, int status, String body) {
        STUB.stubFor(m.willReturn(aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body)));
    }

    static void error(MappingBuilder m, int status, String code, String message) {
        json(
                m,
                status,
                "{\"object\":\"error\",\"status\":" + status + ",\"code\":\"" + code + "\",\"message\":\"" + message
                        + "\"}");
    }

    static void database() {
        json(
                get(urlPathEqualTo("/v1/databases/" + DB)),
                200,
                "{\"object\":\"database\",\"id\":\"" + DB + "\",\"data_sources\":[{\"id\":\"" + DS
                        + "\",\"name\":\"Tasks\"}]}");
    }

    @BeforeEach
    void connect() {
        json(
                get(urlPathEqualTo("/v1/users/me")),
                200,
                "{\"object\":\"user\",\"id\":\"b1\",\"type\":\"bot\",\"name\":\"Atom\",\"bot\":{\"workspace_name\":\"Acme\"}}");
        users = new TestUsers(this::http);
        user = users.signUp("nora");
        var c = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of("connector", "notion", "name", "Wiki", "credentials", Map.of("token", TOKEN)));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        assertThat(c.json().get("status").asString()).isEqualTo("connected");
        connection = c.json().get("id").asString();
    }

    @AfterEach
    void everyRequestIsOneNotionAccepts() {
        assertThat(STUB.getAllServeEvents()).allSatisfy(e -> {
            assertThat(e.getRequest().getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(e.getRequest().getHeader("Notion-Version")).isEqualTo("2025-09-03");
        });
        NotionContract.contract().assertRequestsValid(STUB);
    }

    private TestHttp.Response run(String action, Map<String, ?> input) {
        return users.as(user).post("/api/v1/connections/" + connection + "/actions/" + action, input);
    }

    private JsonNode output(String action, Map<String, ?> input) {
        var r = run(action, input);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("output");
    }

    @Test
    void healthIsTheIntegrationsBotUser() {
        var tested = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(tested.json().get("status").asString()).isEqualTo("connected");
        assertThat(users.as(user)
                        .get("/api/v1/connections/" + connection)
                        .json()
                        .get("account")
                        .asString())
                .isEqualTo("Atom @ Acme");

        error(get(urlPathEqualTo("/v1/users/me")), 401, "unauthorized", "API token is invalid.");
        var bad = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(bad.json().get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(bad.toString()).doesNotContain(TOKEN).contains("API token is invalid.");
    }

    @Test
    void aTokenOfTheWrongShapeIsRefusedBeforeAnyCall() {
        STUB.resetRequests();
        var r = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of("connector", "notion", "name", "x", "credentials", Map.of("token", "not-a-token")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("token");
        STUB.verify(0, getRequestedFor(urlPathEqualTo("/v1/users/me")));
        // one request for the contract check after the test
        users.as(user).post("/api/v1/connections/" + connection + "/test", null);
    }

    @Test
    void queryFlattensPropertiesAndTakesTheDatabasesUrl() {
        database();
        json(
                post(urlPathEqualTo("/v1/data_sources/" + DS + "/query")),
                200,
                "{\"object\":\"list\",\"results\":[" + ROW + "],\"next_cursor\":\"c2\",\"has_more\":true}");
        JsonNode out = output(
                "notion.query_database",
                Map.of(
                        "databaseId",
                        "https://www.notion.so/acme/" + DB.replace("-", "") + "?v=abc",
                        "filter",
                        Map.of("property", "Status", "status", Map.of("equals", "Doing")),
                        "sorts",
                        List.of(Map.of("property", "Due", "direction", "ascending")),
                        "pageSize",
                        10));
        STUB.verify(postRequestedFor(urlPathEqualTo("/v1/data_sources/" + DS + "/query"))
                .withRequestBody(equalToJson("{\"filter\":{\"property\":\"Status\",\"status\":{\"equals\":\"Doing\"}},"
                        + "\"sorts\":[{\"property\":\"Due\",\"direction\":\"ascending\"}],\"page_size\":10}")));
        assertThat(out.get("nextCursor").asString()).isEqualTo("c2");
        assertThat(out.get("hasMore").asBoolean()).isTrue();
        JsonNode p = out.at("/pages/0/properties");
        assertThat(p.get("Name").asString()).isEqualTo("Fix login");
        assertThat(p.get("Status").asString()).isEqualTo("Doing");
        assertThat(p.get("Tags").get(0).asString()).isEqualTo("urgent");
        assertThat(p.get("Due").asString()).isEqualTo("2026-03-02");
        assertThat(p.get("Points").asInt()).isEqualTo(3);
        assertThat(p.get("Done").asBoolean()).isFalse();
        assertThat(p.get("Owner").get(0).asString()).isEqualTo("Ann");
        assertThat(p.get("Score").asInt()).isEqualTo(6);
        assertThat(out.at("/pages/0/id").asString()).isEqualTo(PAGE);
    }

    @Test
    void aFilterNotionRefusesNamesTheField() {
        database();
        error(
                post(urlPathEqualTo("/v1/data_sources/" + DS + "/query")),
                400,
                "validation_error",
                "Could not find property with name or id: Stat.");
        var r = run(
                "notion.query_database",
                Map.of("databaseId", DB, "filter", Map.of("property", "Stat", "status", Map.of("equals", "x"))));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("detail").asString())
                .isEqualTo("filter: Notion says Could not find property with name or id: Stat.");

        var notAnId = run("notion.query_database", Map.of("databaseId", "tasks"));
        assertThat(notAnId.status()).isEqualTo(400);
        assertThat(notAnId.body()).contains("databaseId");
    }

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
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("detail").asString()).startsWith("pageId was not found");
    }

    @Test
    void searchesPagesByTitle() {
        json(
                post(urlPathEqualTo("/v1/search")),
                200,
                "{\"object\":\"list\",\"results\":[" + ROW + ",{\"object\":\"data_source\",\"id\":\"" + DS
                        + "\",\"title\":[{\"plain_text\":\"Tasks\"}],\"url\":\"https://www.notion.so/x\"}],"
                        + "\"next_cursor\":null,\"has_more\":false}");
        JsonNode out = output("notion.search", Map.of("query", "fix", "only", "page"));
        STUB.verify(
                postRequestedFor(urlPathEqualTo("/v1/search"))
                        .withRequestBody(
                                equalToJson(
                                        "{\"query\":\"fix\",\"filter\":{\"property\":\"object\",\"value\":\"page\"},"
                                                + "\"sort\":{\"direction\":\"descending\",\"timestamp\":\"last_edited_time\"},\"page_size\":20}")));
        assertThat(out.at("/results/0/title").asString()).isEqualTo("Fix login");
        assertThat(out.at("/results/1/title").asString()).isEqualTo("Tasks");
        assertThat(out.get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void rateLimitsAndConflictsAreRetriable() {
        STUB.stubFor(post(urlPathEqualTo("/v1/search"))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "7")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"object\":\"error\",\"status\":429,\"code\":\"rate_limited\","
                                + "\"message\":\"You have been rate limited.\"}")));
        var r = run("notion.search", Map.of());
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("7");

        error(
                patch(urlPathEqualTo("/v1/blocks/" + PAGE + "/children")),
                409,
                "conflict_error",
                "Conflict occurred while saving. Please try again.");
        var conflict = run("notion.append_text", Map.of("pageId", PAGE, "text", "x"));
        assertThat(conflict.status()).isEqualTo(502);
        assertThat(conflict.json().get("serviceStatus").asInt()).isEqualTo(409);
    }
}
