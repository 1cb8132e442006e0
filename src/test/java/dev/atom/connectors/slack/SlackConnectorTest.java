package dev.atom.connectors.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

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
 * The Slack connector through the running app against WireMock, every request checked against Slack's Web
 * API description (its {@code token} parameters dropped: the token goes in Authorization, as Slack wants).
 */
@StubMount(property = "ATOM_SLACK_BASE_URL", path = "/api")
class SlackConnectorTest extends ConnectorContractTestBase {
    // Assembled so no line looks like a real Slack token to secret scanners; it is a fake.
    static final String TOKEN = "xox" + "b-1111-2222-fakefaketoken";

    @Autowired
    Webhooks webhooks;

    @Autowired
    Clock clock;

    private TestUsers users;
    private TestUsers.User user;
    private String actions;
    private String connection;

    static OpenApiContract contract() {
        return OpenApiContract.subset(
                "slack-web-subset.json",
                Map.of("DROP_HEADER_PARAMS", "token", OpenApiContract.DROP_PARAMS, "token"),
                "*");
    }

    static String ok(String fields) {
        return "{\"ok\":true" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    private static void answer(String method, String body) {
        var json = aResponse().withHeader("Content-Type", "application/json").withBody(body);
        STUB.stubFor(get(urlPathEqualTo("/api/" + method)).willReturn(json));
        STUB.stubFor(post(urlPathEqualTo("/api/" + method)).willReturn(json));
    }

    @Override
    protected String connectorId() {
        return "slack";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions(
                "slack.post_message",
                "slack.reply_in_thread",
                "slack.list_channels",
                "slack.read_history",
                "slack.lookup_user");
    }

    @Override
    protected ApiDescription apiDescription() {
        return ApiDescription.openApi(contract());
    }

    /** What the catalog tells the engine and the assistant: which actions write, how a retry is safe, how to connect. */
    @Test
    void catalogFacts() {
        assertThat(retryFacts())
                .isEqualTo(Map.of(
                        "slack.post_message", "writes none",
                        "slack.reply_in_thread", "writes none",
                        "slack.list_channels", "reads natural",
                        "slack.read_history", "reads natural",
                        "slack.lookup_user", "reads natural"));
        assertThat(authKinds()).containsExactly("api_key", "oauth2");
        assertThat(triggerKinds()).containsExactly("slack.event_received webhook");
    }

    @BeforeEach
    void connect() {
        answer("auth.test", ok("\"team\":\"Acme\",\"user\":\"atom-bot\",\"team_id\":\"T1\",\"user_id\":\"U1\""));
        users = new TestUsers(this::http);
        user = users.signUp("sasha");
        var c = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of("connector", "slack", "name", "Acme", "credentials", Map.of("bot_token", TOKEN)));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        assertThat(c.json().get("status").asString()).isEqualTo("connected");
        connection = c.json().get("id").asString();
        actions = "/api/v1/connections/" + connection + "/actions/";
    }

    private TestHttp.Response run(String action, Map<String, Object> input) {
        return users.as(user).post(actions + action, input);
    }

    @Test
    void healthIsAuthTestWithTheBearerToken() {
        var tested = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(tested.json().get("status").asString()).isEqualTo("connected");
        assertThat(users.as(user)
                        .get("/api/v1/connections/" + connection)
                        .json()
                        .get("account")
                        .asString())
                .isEqualTo("atom-bot @ Acme");
        STUB.verify(getRequestedFor(urlPathEqualTo("/api/auth.test"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void aRevokedTokenNeedsReconnecting() {
        answer("auth.test", "{\"ok\":false,\"error\":\"token_revoked\"}");
        var tested = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(tested.json().get("status").asString()).isEqualTo("needs_reconnect");
        answer("chat.postMessage", "{\"ok\":false,\"error\":\"invalid_auth\"}");
        var r = run("slack.post_message", Map.of("channel", "C1", "text", "hi"));
        assertThat(r.status()).isEqualTo(424);
        assertThat(r.json().get("detail").asString()).doesNotContain(TOKEN);
    }

    @Test
    void postsAMessageAsAForm() {
        answer("chat.postMessage", ok("\"channel\":\"C024BE91L\",\"ts\":\"1700000000.000100\""));
        var r = run("slack.post_message", Map.of("channel", "#general", "text", "Hello & welcome"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/channel").asString()).isEqualTo("C024BE91L");
        assertThat(r.json().at("/output/ts").asString()).isEqualTo("1700000000.000100");
        STUB.verify(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("channel=%23general&text=Hello+%26+welcome")));
    }

    @Test
    void repliesInAThreadAndBroadcastsWhenAsked() {
        answer("chat.postMessage", ok("\"channel\":\"C1\",\"ts\":\"1700000001.000200\""));
        var r = run(
                "slack.reply_in_thread",
                Map.of("channel", "C1", "threadTs", "1700000000.000100", "text", "on it", "broadcast", true));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        STUB.verify(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(equalTo("channel=C1&thread_ts=1700000000.000100&text=on+it&reply_broadcast=true")));
    }

    @Test
    void anUnknownChannelIsPermanentAndNamesTheField() {
        answer("chat.postMessage", "{\"ok\":false,\"error\":\"channel_not_found\"}");
        var r = run("slack.post_message", Map.of("channel", "#nowhere", "text", "hi"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("detail").asString()).startsWith("channel:").contains("channel_not_found");
    }

    @Test
    void rateLimitsAreRetriableAfterTheServicesDelay() {
        STUB.stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "30")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));
        var r = run("slack.post_message", Map.of("channel", "C1", "text", "hi"));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("30");
    }

    @Test
    void aRateLimitInTheBodyIsRetriableToo() {
        answer("conversations.list", "{\"ok\":false,\"error\":\"ratelimited\"}");
        var inBody = run("slack.list_channels", Map.of());
        assertThat(inBody.status()).isEqualTo(503);
    }

    @Test
    void listsChannelsWithTheirCursor() {
        answer(
                "conversations.list",
                ok("\"channels\":[{\"id\":\"C1\",\"name\":\"general\",\"is_private\":false,\"is_member\":true,"
                        + "\"num_members\":12,\"topic\":{\"value\":\"News\"}},{\"id\":\"G2\",\"name\":\"ops\","
                        + "\"is_private\":true,\"is_member\":true,\"topic\":{\"value\":\"\"}}],"
                        + "\"response_metadata\":{\"next_cursor\":\"dGVhbTpDMDYxRkE1UEI=\"}"));
        var r = run("slack.list_channels", Map.of("includePrivate", true, "limit", 2));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/channels/0/name").asString()).isEqualTo("general");
        assertThat(r.json().at("/output/channels/0/memberCount").asInt()).isEqualTo(12);
        assertThat(r.json().at("/output/channels/0/topic").asString()).isEqualTo("News");
        assertThat(r.json().at("/output/channels/1/isPrivate").asBoolean()).isTrue();
        assertThat(r.json().at("/output/nextCursor").asString()).isEqualTo("dGVhbTpDMDYxRkE1UEI=");
        STUB.verify(getRequestedFor(urlPathEqualTo("/api/conversations.list"))
                .withQueryParam("types", equalTo("public_channel,private_channel"))
                .withQueryParam("limit", equalTo("2"))
                .withQueryParam("exclude_archived", equalTo("true")));
    }

    @Test
    void readsHistoryAndRefusesABadLimitBeforeCallingSlack() {
        answer(
                "conversations.history",
                ok("\"messages\":[{\"type\":\"message\",\"user\":\"U1\",\"text\":\"hi\",\"ts\":\"1700000000.000100\","
                        + "\"reply_count\":2,\"thread_ts\":\"1700000000.000100\"}],\"has_more\":true,"
                        + "\"response_metadata\":{\"next_cursor\":\"bmV4dA==\"}"));
        var r = run("slack.read_history", Map.of("channel", "C1", "limit", 1, "oldest", "1690000000.000000"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/messages/0/text").asString()).isEqualTo("hi");
        assertThat(r.json().at("/output/messages/0/replyCount").asInt()).isEqualTo(2);
        assertThat(r.json().at("/output/hasMore").asBoolean()).isTrue();
        assertThat(r.json().at("/output/nextCursor").asString()).isEqualTo("bmV4dA==");
        STUB.verify(getRequestedFor(urlPathEqualTo("/api/conversations.history"))
                .withQueryParam("channel", equalTo("C1"))
                .withQueryParam("oldest", equalTo("1690000000.000000")));

        var bad = run("slack.read_history", Map.of("channel", "C1", "limit", 0));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/errors/0/field").asString()).isEqualTo("input.limit");
    }

    @Test
    void looksUpAUserByEmailAndNamesTheFieldWhenNoneHasIt() {
        answer(
                "users.lookupByEmail",
                ok("\"user\":{\"id\":\"U2\",\"name\":\"ann\",\"real_name\":\"Ann Lee\",\"tz\":\"Europe/Paris\","
                        + "\"is_bot\":false,\"profile\":{\"display_name\":\"annie\"}}"));
        var r = run("slack.lookup_user", Map.of("email", "ann@example.com"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/id").asString()).isEqualTo("U2");
        assertThat(r.json().at("/output/realName").asString()).isEqualTo("Ann Lee");
        assertThat(r.json().at("/output/displayName").asString()).isEqualTo("annie");
        assertThat(r.json().at("/output/timeZone").asString()).isEqualTo("Europe/Paris");
        STUB.verify(getRequestedFor(urlPathEqualTo("/api/users.lookupByEmail"))
                .withQueryParam("email", equalTo("ann@example.com")));

        answer("users.lookupByEmail", "{\"ok\":false,\"error\":\"users_not_found\"}");
        var none = run("slack.lookup_user", Map.of("email", "nobody@example.com"));
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.json().get("detail").asString()).startsWith("email:");
    }

    @Test
    void aSlackRetryOfTheSameEventIsRefusedAsAReplay() {
        long at = clock.instant().getEpochSecond();
        byte[] body = SlackEventsTriggerTest.event("Ev" + Ids.newId());
        var headers = SlackEventsTriggerTest.headers(SlackEventsTriggerTest.signature("sig", at, body), at);
        String ws = Ids.newId();
        assertThat(webhooks.receive(ws, "slack.event_received", "wf-1", headers, body, "sig")
                        .payload()
                        .get("eventType")
                        .asString())
                .isEqualTo("app_mention");
        SlackEventsTriggerTest.assertReason(
                () -> webhooks.receive(ws, "slack.event_received", "wf-1", headers, body, "sig"),
                WebhookRefusal.Reason.REPLAYED);
    }

    @Test
    void slacksOwnTroubleIsRetriable() {
        STUB.stubFor(get(urlPathEqualTo("/api/conversations.history"))
                .willReturn(aResponse().withStatus(503).withBody("down")));
        var r = run("slack.read_history", Map.of("channel", "C1"));
        assertThat(r.status()).isEqualTo(502);
    }
}
