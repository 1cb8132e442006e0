package dev.atom.connectors.trello;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.Webhooks;
import dev.atom.shared.Ids;
import dev.atom.testing.ApiDescription;
import dev.atom.testing.ConnectorContractTestBase;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Trello connector through the running app against WireMock, every request checked against Trello's
 * description (cut at test time to the paths used: the whole file is 264 paths).
 */
@StubMount(property = "ATOM_TRELLO_BASE_URL", path = TrelloConnectorTest.BASE)
class TrelloConnectorTest extends ConnectorContractTestBase {
    static final String KEY = "0123456789abcdef0123456789abcdef";
    static final String TOKEN = "ATTAabcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ";
    static final String BASE = "/1";
    static final String CARD = "{\"id\":\"c1\",\"name\":\"Fix login\",\"shortUrl\":\"https://trello.com/c/abc\","
            + "\"idList\":\"l2\",\"idBoard\":\"b1\"}";

    @Autowired
    Webhooks webhooks;

    @Autowired
    Clock clock;

    private TestUsers users;
    private TestUsers.User user;
    private String actions;
    private String connection;

    @Override
    protected String connectorId() {
        return "trello";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions(
                "trello.list_boards",
                "trello.list_lists",
                "trello.create_card",
                "trello.move_card",
                "trello.update_card_due");
    }

    @Override
    protected ApiDescription apiDescription() {
        return ApiDescription.openApi(contract());
    }

    static OpenApiContract contract() {
        return OpenApiContract.subset(
                "trello.json",
                Map.of(),
                "/members/{idMember}",
                "/members/{idMember}/boards",
                "/boards/{idBoard}/lists",
                "/cards",
                "/cards/{idCard}");
    }

    private static void json(MappingBuilder m, int status, String body) {
        STUB.stubFor(m.willReturn(aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body)));
    }

    private static void text(MappingBuilder m, int status, String body) {
        STUB.stubFor(m.willReturn(aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "text/plain")
                .withBody(body)));
    }

    @BeforeEach
    void connect() {
        json(get(urlPathEqualTo(BASE + "/members/me")), 200, "{\"id\":\"m1\",\"username\":\"tessa\"}");
        users = new TestUsers(this::http);
        user = users.signUp("tessa");
        var c = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "trello",
                                "name",
                                "Boards",
                                "credentials",
                                Map.of("api_key", KEY, "token", TOKEN)));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        assertThat(c.json().get("status").asString()).isEqualTo("connected");
        connection = c.json().get("id").asString();
        actions = "/api/v1/connections/" + connection + "/actions/";
    }

    private TestHttp.Response run(String action, Map<String, Object> input) {
        return users.as(user).post(actions + action, input);
    }

    /** What the catalog tells the engine and the assistant: which actions write, how a retry is safe, how to connect. */
    @Test
    void catalogFacts() {
        assertThat(retryFacts())
                .isEqualTo(Map.ofEntries(
                        Map.entry("trello.list_boards", "reads natural"),
                        Map.entry("trello.list_lists", "reads natural"),
                        Map.entry("trello.create_card", "writes none"),
                        Map.entry("trello.move_card", "writes natural"),
                        Map.entry("trello.update_card_due", "writes natural")));
        assertThat(authKinds()).containsExactly("api_key");
        assertThat(triggerKinds()).containsExactly("trello.model_changed webhook");
    }

    @Test
    void healthIsMembersMeWithKeyAndToken() {
        var tested = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(tested.json().get("status").asString()).isEqualTo("connected");
        assertThat(users.as(user)
                        .get("/api/v1/connections/" + connection)
                        .json()
                        .get("account")
                        .asString())
                .isEqualTo("tessa");
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/members/me"))
                .withQueryParam("key", equalTo(KEY))
                .withQueryParam("token", equalTo(TOKEN)));

        text(get(urlPathEqualTo(BASE + "/members/me")), 401, "invalid token");
        var bad = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(bad.json().get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(bad.toString()).doesNotContain(TOKEN);
    }

    @Test
    void listsBoardsAndLists() {
        json(
                get(urlPathEqualTo(BASE + "/members/me/boards")),
                200,
                "[{\"id\":\"b1\",\"name\":\"Roadmap\",\"url\":\"https://trello.com/b/x/roadmap\",\"closed\":false}]");
        var boards = run("trello.list_boards", Map.of());
        assertThat(boards.status()).as(boards.toString()).isEqualTo(200);
        assertThat(boards.json().at("/output/boards/0/name").asString()).isEqualTo("Roadmap");
        STUB.verify(
                getRequestedFor(urlPathEqualTo(BASE + "/members/me/boards")).withQueryParam("filter", equalTo("open")));

        json(
                get(urlPathEqualTo(BASE + "/boards/b1/lists")),
                200,
                "[{\"id\":\"l1\",\"name\":\"To do\",\"pos\":1024},{\"id\":\"l2\",\"name\":\"Doing\",\"pos\":2048.5}]");
        var lists = run("trello.list_lists", Map.of("boardId", "b1"));
        assertThat(lists.status()).as(lists.toString()).isEqualTo(200);
        assertThat(lists.json().at("/output/lists/1/name").asString()).isEqualTo("Doing");
        assertThat(lists.json().at("/output/lists/1/pos").asDouble()).isEqualTo(2048.5);
    }

    @Test
    void anUnknownBoardNamesTheField() {
        text(get(urlPathEqualTo(BASE + "/boards/nope/lists")), 400, "invalid id");
        var r = run("trello.list_lists", Map.of("boardId", "nope"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("detail").asString()).isEqualTo("boardId: Trello says invalid id");
    }

    @Test
    void createsACardAtTheTop() {
        json(post(urlPathEqualTo(BASE + "/cards")), 200, CARD);
        var r = run(
                "trello.create_card",
                Map.of("listId", "l2", "name", "Fix login", "description", "See #7", "position", "top"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/url").asString()).isEqualTo("https://trello.com/c/abc");
        STUB.verify(postRequestedFor(urlPathEqualTo(BASE + "/cards"))
                .withRequestBody(
                        equalToJson("{\"idList\":\"l2\",\"name\":\"Fix login\",\"desc\":\"See #7\",\"pos\":\"top\"}")));

        text(post(urlPathEqualTo(BASE + "/cards")), 400, "invalid value for idList");
        var bad = run("trello.create_card", Map.of("listId", "zz", "name", "x"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("detail").asString()).startsWith("listId:");
    }

    @Test
    void movesACardToAnotherList() {
        json(put(urlPathEqualTo(BASE + "/cards/c1")), 200, CARD.replace("\"l2\"", "\"l3\""));
        var r = run("trello.move_card", Map.of("cardId", "c1", "listId", "l3"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/listId").asString()).isEqualTo("l3");
        STUB.verify(putRequestedFor(urlPathEqualTo(BASE + "/cards/c1"))
                .withRequestBody(equalToJson("{\"idList\":\"l3\"}")));

        text(put(urlPathEqualTo(BASE + "/cards/gone")), 404, "The requested resource was not found.");
        var missing = run("trello.move_card", Map.of("cardId", "gone", "listId", "l3"));
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString()).isEqualTo("cardId: the Trello card was not found");
        assertThat(missing.json().get("field").asString()).isEqualTo("input.cardId");
        assertThat(missing.json().get("type").asString()).endsWith("/service-not-found");
    }

    @Test
    void rateLimitsAreRetriable() {
        STUB.stubFor(get(urlPathEqualTo(BASE + "/members/me/boards"))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "10")
                        .withBody("API_TOKEN_LIMIT_EXCEEDED")));
        var r = run("trello.list_boards", Map.of());
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("10");
    }

    @Test
    void aRedeliveryIsRefusedAsAReplay() {
        byte[] body = TrelloWebhookTriggerTest.moved("a" + Ids.newId(), clock.instant());
        var headers = TrelloWebhookTriggerTest.headers(
                TrelloWebhookTriggerTest.signature("app-secret", body, TrelloWebhookTriggerTest.CALLBACK),
                TrelloWebhookTriggerTest.CALLBACK);
        String ws = Ids.newId();
        assertThat(webhooks.receive(ws, "trello.model_changed", "wf-1", headers, body, "app-secret"))
                .isNotNull();
        assertThatThrownBy(() -> webhooks.receive(ws, "trello.model_changed", "wf-1", headers, body, "app-secret"))
                .isInstanceOf(WebhookRefusal.class)
                .extracting(e -> ((WebhookRefusal) e).reason())
                .isEqualTo(WebhookRefusal.Reason.REPLAYED);
    }
}
