package dev.atom.connectors.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Connectors;
import dev.atom.testing.FeedRunner;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import dev.atom.testing.StubResponseContract;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestUsers;
import dev.atom.workspace.sync.SyncStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * slack.messages against the stub (every request checked against Slack's Web API description) into the inbox,
 * read back through GET /api/v1/inbox: the bot's DMs and group DMs whole and its channels' mentions of it, in
 * pages per conversation; then each conversation from the newest ts seen; the daily reconciling round removes
 * deleted messages and a left channel's mentions without touching what was read in Atom; a foreign cursor is a
 * full resync; a revoked token needs reconnecting.
 */
@StubMount(property = "ATOM_SLACK_BASE_URL", path = "/api")
class SlackMessageFeedTest extends StubbedServiceTestBase {
    private static final Instant FROM = Instant.parse("2026-09-06T00:00:00Z");
    private static final String ME = "UBOT";

    @Autowired
    Connectors connectors;

    @Autowired
    List<SyncStore> stores;

    private TestUsers users;
    private TestUsers.User user;
    private String connectionId;

    @BeforeEach
    void connect() {
        answer(
                "auth.test",
                "\"team\":\"Acme\",\"user\":\"atom-bot\",\"team_id\":\"T0ACME\",\"user_id\":\"" + ME
                        + "\",\"url\":\"https://acme.slack.com/\"");
        person("U0ANN", "ann", "Ann Lee");
        person("U0CARL", "carl", "Carl Jones");
        person(ME, "atom", "Atom");
        users = new TestUsers(this::http);
        user = users.signUp("sam");
        var c = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "slack",
                                "name",
                                "Acme",
                                "credentials",
                                Map.of("bot_token", SlackConnectorTest.TOKEN)));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        connectionId = c.json().get("id").asString();
    }

    @AfterEach
    void everyRequestIsOneSlackAcceptsAndEveryAnswerOneItGives() {
        OpenApiContract.subset(
                        "slack-web.json",
                        Map.of("DROP_HEADER_PARAMS", "token", OpenApiContract.DROP_PARAMS, "token"),
                        "/auth.test",
                        "/users.conversations",
                        "/conversations.history",
                        "/conversations.replies",
                        "/users.info")
                .assertRequestsValid(STUB, "/api");
        StubResponseContract.of("slack-web.json", "history-paging", SlackMessageFeedTest::asSlackAnswers)
                .assertResponsesValid(STUB, "/api", "/users.conversations", "/users.info");
    }

    /**
     * Slack's description (last updated 2021) against what conversations.history answers today: paging by
     * {@code response_metadata.next_cursor} (Slack's pagination docs), no channel_actions fields for a bot, and an
     * empty {@code messages} list for a quiet conversation. users.conversations and users.info are left out of the
     * answer check: their objects are unions written as tuple {@code items}, which no validator reads as such.
     */
    static void asSlackAnswers(ObjectNode spec) {
        ObjectNode ok = (ObjectNode) spec.path("paths")
                .path("/conversations.history")
                .path("get")
                .path("responses")
                .path("200")
                .path("schema");
        ok.withObject("properties")
                .putObject("response_metadata")
                .put("type", "object")
                .putObject("properties")
                .putObject("next_cursor")
                .put("type", "string");
        ArrayNode required = ok.withArray("required");
        for (int i = required.size() - 1; i >= 0; i--) {
            if (required.get(i).asString().startsWith("channel_actions")) {
                required.remove(i);
            }
        }
        ((ObjectNode) ok.path("properties").path("messages")).remove("minItems");
    }

    private static void answer(String method, String fields) {
        STUB.stubFor(get(urlPathEqualTo("/api/" + method))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":true," + fields + "}")));
    }

    private static void person(String id, String name, String realName) {
        STUB.stubFor(get(urlPathEqualTo("/api/users.info"))
                .withQueryParam("user", equalTo(id))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":true,\"user\":{\"id\":\"" + id + "\",\"name\":\"" + name
                                + "\",\"real_name\":\"" + realName + "\"}}")));
    }

    private static String msg(String ts, String user, String text) {
        return "{\"type\":\"message\",\"user\":\"" + user + "\",\"text\":\"" + text + "\",\"ts\":\"" + ts + "\"}";
    }

    private static void history(String channel, String oldest, String cursor, String next, String... messages) {
        var stub = get(urlPathEqualTo("/api/conversations.history")).withQueryParam("channel", equalTo(channel));
        stub = oldest == null ? stub : stub.withQueryParam("oldest", equalTo(oldest));
        stub = stub.withQueryParam("cursor", cursor == null ? absent() : equalTo(cursor));
        STUB.stubFor(stub.willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"messages\":[" + String.join(",", messages) + "],\"has_more\":"
                        + (next != null) + ",\"pin_count\":0,\"response_metadata\":{\"next_cursor\":\""
                        + (next == null ? "" : next) + "\"}}")));
    }

    private static void conversations(String... channels) {
        answer("users.conversations", "\"channels\":[" + String.join(",", channels) + "]");
    }

    private static final String DM = "{\"id\":\"D1\",\"is_im\":true,\"user\":\"U0ANN\"}";
    private static final String GROUP = "{\"id\":\"G1\",\"is_mpim\":true,\"name\":\"mpdm-ann--bob-1\"}";
    private static final String GENERAL = "{\"id\":\"C1\",\"name\":\"general\",\"is_channel\":true,\"is_member\":true}";
    private static final String WINDOW = String.valueOf(FROM.getEpochSecond());

    private FeedRunner.Run sync(String cursor) {
        return new FeedRunner(connectors, stores)
                .sync(user.workspaceId(), connectionId, "slack", SlackMessageFeed.ID, cursor, FROM, null, 2);
    }

    private JsonNode inbox() {
        var r = users.as(user).get("/api/v1/inbox?source=slack");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("items");
    }

    private List<String> snippets() {
        return inbox().valueStream().map(i -> i.get("snippet").asString()).toList();
    }

    private JsonNode item(String snippet) {
        return inbox().valueStream()
                .filter(i -> i.get("snippet").asString().equals(snippet))
                .findFirst()
                .orElseThrow();
    }

    private FeedRunner.Run firstSync() {
        conversations(DM, GROUP, GENERAL);
        history(
                "D1",
                WINDOW,
                null,
                "h2",
                msg("1796000003.000200", "U0ANN", "hi bot"),
                msg("1796000002.000100", ME, "hello Ann"));
        history("D1", WINDOW, "h2", null, msg("1796000001.000100", "U0ANN", "earlier"));
        history("G1", WINDOW, null, null);
        history(
                "C1",
                WINDOW,
                null,
                null,
                msg("1796000011.000100", "U0CARL", "unrelated"),
                msg(
                        "1796000010.000100",
                        "U0ANN",
                        "<@" + ME + "> can you check <#C1|general> &amp; <https://x.example.com|the doc>?"),
                "{\"type\":\"message\",\"subtype\":\"channel_join\",\"user\":\"U0DAN\",\"text\":\"<@" + ME
                        + "> joined\",\"ts\":\"1796000009.000100\"}");
        return sync(null);
    }

    @Test
    void firstSyncThenNewMessagesFromTheNewestTsSeen() {
        var first = firstSync();
        assertThat(first.pages()).as("D1 in two pages, G1, C1").isEqualTo(4);
        assertThat(snippets()).containsExactly("@Atom can you check #general & the doc?", "hi bot", "earlier");
        JsonNode dm = item("hi bot");
        assertThat(dm.get("kind").asString()).isEqualTo("chat");
        assertThat(dm.get("source").get("connector").asString()).isEqualTo("slack");
        assertThat(dm.get("from").asString())
                .as("the inbox keeps addresses lower-cased")
                .isEqualToIgnoringCase("U0ANN");
        assertThat(dm.get("fromName").asString()).isEqualTo("Ann Lee");
        assertThat(dm.get("subject").asString()).isEqualTo("Direct message");
        assertThat(dm.get("important").asBoolean()).as("a DM is direct").isTrue();
        assertThat(dm.get("link").asString()).isEqualTo("https://acme.slack.com/archives/D1/p1796000003000200");
        JsonNode mention = item("@Atom can you check #general & the doc?");
        assertThat(mention.get("subject").asString()).isEqualTo("#general");
        assertThat(mention.get("important").asBoolean()).as("a mention").isTrue();
        STUB.verify(getRequestedFor(urlPathEqualTo("/api/users.conversations"))
                .withQueryParam("types", equalTo("im,mpim,public_channel,private_channel")));

        history("D1", "1796000003.000200", null, null, msg("1796000004.000100", "U0ANN", "are you there?"));
        history("G1", WINDOW, null, null);
        String release = "{\"type\":\"message\",\"user\":\"U0CARL\",\"text\":\"Release notes\",\"ts\":"
                + "\"1796000013.000100\",\"thread_ts\":\"1796000013.000100\",\"reply_count\":2,"
                + "\"latest_reply\":\"1796000015.000100\"}";
        history(
                "C1",
                "1796000011.000100",
                null,
                null,
                release,
                msg("1796000012.000100", "U0CARL", "thanks <@" + ME + "|atom>"));
        STUB.stubFor(get(urlPathEqualTo("/api/conversations.replies"))
                .withQueryParam("channel", equalTo("C1"))
                .withQueryParam("ts", equalTo("1796000013.000100"))
                .withQueryParam("oldest", equalTo("1796000011.000100"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":true,\"has_more\":false,\"messages\":[" + release + ","
                                + "{\"type\":\"message\",\"user\":\"U0ANN\",\"text\":\"<@" + ME
                                + "> please summarise\",\"ts\":\"1796000014.000100\",\"thread_ts\":"
                                + "\"1796000013.000100\"},{\"type\":\"message\",\"user\":\"U0CARL\",\"text\":"
                                + "\"ok\",\"ts\":\"1796000015.000100\",\"thread_ts\":\"1796000013.000100\"}]}")));
        var next = sync(first.cursor());
        assertThat(next.pages()).isEqualTo(3);
        assertThat(snippets())
                .containsExactly(
                        "@Atom please summarise",
                        "thanks @atom",
                        "@Atom can you check #general & the doc?",
                        "are you there?",
                        "hi bot",
                        "earlier");
        assertThat(item("@Atom please summarise").get("threadId").asString())
                .as("a reply in its thread")
                .isEqualTo("1796000013.000100");
    }

    @Test
    void theDailyRoundRemovesDeletedMessagesAndALeftChannelButKeepsWhatWasRead() {
        var first = firstSync();
        var read =
                users.as(user).post("/api/v1/inbox/" + item("hi bot").get("id").asString() + "/read", null);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);

        // a day later: "earlier" was deleted, the bot left #general
        String dayLater = first.cursor().replaceAll("\"reconciledAt\":[0-9]+", "\"reconciledAt\":0");
        conversations(DM, GROUP);
        history(
                "D1",
                WINDOW,
                null,
                null,
                msg("1796000003.000200", "U0ANN", "hi bot"),
                msg("1796000002.000100", ME, "hello Ann"));
        sync(dayLater);
        assertThat(snippets()).containsExactly("hi bot");
        assertThat(item("hi bot").get("unread").asBoolean())
                .as("read in Atom, not sent again")
                .isFalse();
    }

    @Test
    void aForeignCursorIsAFullResyncAndARevokedTokenNeedsReconnecting() {
        firstSync();
        var again = sync("{\"not\":\"ours\"}");
        assertThat(again.restarted()).isTrue();
        assertThat(snippets()).hasSize(3);

        STUB.stubFor(get(urlPathEqualTo("/api/users.conversations"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":false,\"error\":\"token_revoked\"}")));
        assertThatThrownBy(() -> sync(again.cursor())).isInstanceOf(ConnectorException.NeedsReconnect.class);
        assertThat(snippets()).hasSize(3);
    }
}
