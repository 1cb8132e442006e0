package dev.atom.connectors.notion;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Notion's health, reads and error answers through the running app against WireMock ({@link NotionTestBase}). */
class NotionConnectorTest extends NotionTestBase {
    /** What the catalog tells the engine and the assistant: which actions write, how a retry is safe, how to connect. */
    @Test
    void catalogFacts() {
        assertThat(retryFacts())
                .isEqualTo(Map.ofEntries(
                        Map.entry("notion.query_database", "reads natural"),
                        Map.entry("notion.create_page", "writes none"),
                        Map.entry("notion.update_page", "writes natural"),
                        Map.entry("notion.append_text", "writes none"),
                        Map.entry("notion.search", "reads natural")));
        assertThat(authKinds()).containsExactly("api_key", "oauth2");
        assertThat(triggerKinds()).containsExactly("notion.page_changed polling");
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
