package dev.atom.connectors.notion;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.atom.testing.ApiDescription;
import dev.atom.testing.ConnectorContractTestBase;
import dev.atom.testing.StubMount;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

/**
 * The Notion connector's tests' shared setup: a user with a Notion connection (an integration secret), the
 * app's Notion base URL on the shared stub, and after each test every request checked against Notion's
 * description ({@link NotionContract}, by {@link ConnectorContractTestBase}) and carrying the token and
 * Notion-Version.
 */
@StubMount(property = "ATOM_NOTION_BASE_URL", path = "/v1")
abstract class NotionTestBase extends ConnectorContractTestBase {
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

    TestUsers users;
    TestUsers.User user;
    String connection;

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

    @Override
    protected String connectorId() {
        return "notion";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions(
                "notion.query_database",
                "notion.create_page",
                "notion.update_page",
                "notion.append_text",
                "notion.search");
    }

    @Override
    protected ApiDescription apiDescription() {
        return ApiDescription.openApi(NotionContract.contract());
    }

    /** Notion's description has {@code /v1} in its paths: nothing is cut. */
    @Override
    protected String apiPathPrefix() {
        return "";
    }

    /** The base class checks each request against Notion's description; here, what every one carries. */
    @AfterEach
    void everyRequestCarriedTheTokenAndVersion() {
        assertThat(STUB.getAllServeEvents()).allSatisfy(e -> {
            assertThat(e.getRequest().getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(e.getRequest().getHeader("Notion-Version")).isEqualTo("2025-09-03");
        });
    }

    TestHttp.Response run(String action, Map<String, ?> input) {
        return users.as(user).post("/api/v1/connections/" + connection + "/actions/" + action, input);
    }

    JsonNode output(String action, Map<String, ?> input) {
        var r = run(action, input);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("output");
    }
}
