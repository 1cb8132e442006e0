package dev.atom.connectors.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.atom.connectors.MicrosoftGraphContract;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.connectors.SyncedMessage;
import dev.atom.connectors.internal.TestOAuthConnections;
import dev.atom.testing.ApiDescription;
import dev.atom.testing.ConnectorContractTestBase;
import dev.atom.testing.StubMount;
import dev.atom.testing.SyncFeedRun;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import dev.atom.workspace.sync.SyncStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Microsoft Teams through the running app against WireMock standing in for Microsoft Graph, every request checked
 * against msgraph-teams-files-todo.json.
 */
@StubMount(property = "ATOM_TEAMS_BASE_URL", path = TeamsConnectorTest.V1)
class TeamsConnectorTest extends ConnectorContractTestBase {
    static final String V1 = "/teams/v1.0";
    static final String TOKEN = "EwB4A8l6BAAU.teams-access-token";
    static final String CHANNEL = V1 + "/teams/T1/channels/C1";
    static final String CHAT_ID = "19:abc@thread.v2";
    /** The chat id as a path segment: Graph's ids carry ':' and '@', which the connector percent-encodes. */
    static final String CHAT_PATH = "19%3Aabc%40thread.v2";

    static final String MESSAGE =
            "{\"id\":\"1700000000001\",\"messageType\":\"message\",\"createdDateTime\":\"2026-12-06T03:00:00Z\","
                    + "\"lastModifiedDateTime\":\"2026-12-06T03:00:00Z\",\"deletedDateTime\":null,"
                    + "\"from\":{\"user\":{\"id\":\"u2\",\"displayName\":\"Ravi\"}},"
                    + "\"body\":{\"contentType\":\"html\",\"content\":\"<div><p>Deploy at <b>5</b>?</p></div>\"},"
                    + "\"mentions\":[{\"id\":0,\"mentionText\":\"Mia\",\"mentioned\":{\"user\":{\"id\":\"u1\",\"displayName\":\"Mia\"}}}],"
                    + "\"webUrl\":\"https://teams.microsoft.com/l/message/1\"}";
    static final String SYSTEM = "{\"id\":\"1700000000002\",\"messageType\":\"systemEventMessage\","
            + "\"createdDateTime\":\"2026-12-06T03:01:00Z\",\"body\":{\"contentType\":\"html\",\"content\":\"<systemEventMessage/>\"}}";

    @Autowired
    ApplicationContext context;

    @Autowired
    List<SyncStore> stores;

    private TestUsers users;
    private TestUsers.User user;
    private String connection;

    @Override
    protected String connectorId() {
        return "teams";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions(
                "teams.list_teams",
                "teams.list_channels",
                "teams.read_channel_messages",
                "teams.post_channel_message",
                "teams.reply_to_message",
                "teams.list_chats",
                "teams.read_chat_messages",
                "teams.send_chat_message");
    }

    @Override
    protected ApiDescription apiDescription() {
        return ApiDescription.openApi(
                MicrosoftGraphContract.of("teams", "/me", "/me/joinedTeams", "/me/chats", "/teams/*", "/chats/*"));
    }

    @BeforeEach
    void connect() {
        users = new TestUsers(this::http);
        user = users.signUp("mia");
        connection = new TestOAuthConnections(context).create(user.workspaceId(), user.id(), "teams", TOKEN);
        STUB.stubFor(get(urlPathEqualTo(V1 + "/me")).willReturn(json("{\"id\":\"u1\",\"mail\":\"mia@contoso.com\"}")));
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
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
    void healthIsGetMeAndARevokedTokenNeedsReconnecting() {
        var tested = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(tested.json().get("status").asString()).as(tested.toString()).isEqualTo("connected");
        STUB.verify(
                getRequestedFor(urlPathEqualTo(V1 + "/me")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        STUB.stubFor(get(urlPathEqualTo(V1 + "/me"))
                .willReturn(error(401, "InvalidAuthenticationToken", "Lifetime validation failed")));
        var bad = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(bad.json().get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(bad.toString()).doesNotContain(TOKEN);
    }

    @Test
    void listsTeamsChannelsAndReadsChannelMessages() {
        STUB.stubFor(get(urlPathEqualTo(V1 + "/me/joinedTeams"))
                .willReturn(json("{\"value\":[{\"id\":\"T1\",\"displayName\":\"Platform\",\"description\":null}]}")));
        assertThat(output("teams.list_teams", Map.of()).at("/teams/0/name").asString())
                .isEqualTo("Platform");
        STUB.stubFor(get(urlPathEqualTo(V1 + "/teams/T1/channels"))
                .willReturn(json(
                        "{\"value\":[{\"id\":\"C1\",\"displayName\":\"General\",\"membershipType\":\"standard\"}]}")));
        assertThat(output("teams.list_channels", Map.of("teamId", "T1"))
                        .at("/channels/0/id")
                        .asString())
                .isEqualTo("C1");
        STUB.stubFor(get(urlPathEqualTo(CHANNEL + "/messages"))
                .willReturn(json("{\"value\":[" + MESSAGE + "," + SYSTEM + "]}")));
        JsonNode read = output("teams.read_channel_messages", Map.of("teamId", "T1", "channelId", "C1", "limit", 5));
        assertThat(read.get("messages")).hasSize(1);
        assertThat(read.at("/messages/0/text").asString()).isEqualTo("Deploy at 5?");
        assertThat(read.at("/messages/0/from").asString()).isEqualTo("Ravi");
        STUB.verify(getRequestedFor(urlPathEqualTo(CHANNEL + "/messages")).withQueryParam("$top", equalTo("5")));

        STUB.stubFor(
                get(urlPathEqualTo(V1 + "/teams/nope/channels")).willReturn(error(404, "NotFound", "No team found")));
        var missing = run("teams.list_channels", Map.of("teamId", "nope"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("field").asString()).isEqualTo("input.teamId");
    }

    @Test
    void postsRepliesAndSendsAsText() {
        STUB.stubFor(post(urlPathEqualTo(CHANNEL + "/messages"))
                .willReturn(json(MESSAGE).withStatus(201)));
        output(
                "teams.post_channel_message",
                Map.of("teamId", "T1", "channelId", "C1", "text", "Release 2.3 is out", "subject", "Release"));
        STUB.verify(
                postRequestedFor(urlPathEqualTo(CHANNEL + "/messages"))
                        .withRequestBody(
                                equalToJson(
                                        "{\"body\":{\"contentType\":\"text\",\"content\":\"Release 2.3 is out\"},\"subject\":\"Release\"}")));

        STUB.stubFor(post(urlPathEqualTo(CHANNEL + "/messages/1700000000001/replies"))
                .willReturn(json(MESSAGE).withStatus(201)));
        output(
                "teams.reply_to_message",
                Map.of("teamId", "T1", "channelId", "C1", "messageId", "1700000000001", "text", "Yes"));
        STUB.verify(postRequestedFor(urlPathEqualTo(CHANNEL + "/messages/1700000000001/replies"))
                .withRequestBody(equalToJson("{\"body\":{\"contentType\":\"text\",\"content\":\"Yes\"}}")));

        STUB.stubFor(post(urlPathEqualTo(V1 + "/chats/" + CHAT_PATH + "/messages"))
                .willReturn(json(MESSAGE).withStatus(201)));
        output("teams.send_chat_message", Map.of("chatId", CHAT_ID, "text", "On my way"));
        STUB.verify(postRequestedFor(urlPathEqualTo(V1 + "/chats/" + CHAT_PATH + "/messages"))
                .withRequestBody(equalToJson("{\"body\":{\"contentType\":\"text\",\"content\":\"On my way\"}}")));

        STUB.stubFor(post(urlPathEqualTo(V1 + "/chats/" + CHAT_PATH + "/messages"))
                .willReturn(error(400, "BadRequest", "Invalid chat id")));
        var bad = run("teams.send_chat_message", Map.of("chatId", CHAT_ID, "text", "x"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/errors/0/field").asString()).isEqualTo("input.chatId");

        STUB.stubFor(post(urlPathEqualTo(CHANNEL + "/messages"))
                .willReturn(error(429, "TooManyRequests", "Throttled").withHeader("Retry-After", "12")));
        var throttled = run("teams.post_channel_message", Map.of("teamId", "T1", "channelId", "C1", "text", "again"));
        assertThat(throttled.status()).isEqualTo(503);
        assertThat(throttled.header("Retry-After")).isEqualTo("12");
    }

    @Test
    void listsAndReadsChatsAndFeedsTheInbox() {
        String chats = "{\"value\":[{\"id\":\"" + CHAT_ID + "\",\"chatType\":\"oneOnOne\",\"topic\":null,"
                + "\"lastUpdatedDateTime\":\"2026-12-06T03:00:00Z\",\"lastMessagePreview\":{\"id\":\"1700000000001\","
                + "\"createdDateTime\":\"2099-12-06T03:00:00Z\",\"body\":{\"contentType\":\"text\",\"content\":\"Deploy at 5?\"}}}]}";
        STUB.stubFor(get(urlPathEqualTo(V1 + "/me/chats")).willReturn(json(chats)));
        JsonNode listed = output("teams.list_chats", Map.of());
        assertThat(listed.at("/chats/0/chatType").asString()).isEqualTo("oneOnOne");
        assertThat(listed.at("/chats/0/lastMessage").asString()).isEqualTo("Deploy at 5?");

        STUB.stubFor(get(urlPathEqualTo(V1 + "/chats/" + CHAT_PATH + "/messages"))
                .willReturn(json("{\"value\":[" + MESSAGE + "]}")));
        assertThat(output("teams.read_chat_messages", Map.of("chatId", CHAT_ID))
                        .at("/messages/0/id")
                        .asString())
                .isEqualTo("1700000000001");

        var feed = connectors.connector("teams").orElseThrow().syncFeeds().getFirst();
        var ctx = connectors.context(user.workspaceId(), connection);
        SyncPage page = feed.fetch(ctx, new SyncRequest(null, null, null, 50));
        var m = (SyncedMessage) ((SyncChange.Upsert) page.changes().getFirst()).item();
        assertThat(m.kind()).isEqualTo("chat");
        assertThat(m.folder()).isEqualTo(CHAT_ID);
        assertThat(m.externalId()).isEqualTo(CHAT_ID + "/1700000000001");
        assertThat(m.directToMe()).isTrue();
        assertThat(m.mentionsMe()).isTrue();
        assertThat(m.fromMe()).isFalse();
        assertThat(m.bodyText()).isEqualTo("Deploy at 5?");
        assertThat(feed.fetch(ctx, new SyncRequest(page.cursor(), null, null, 50))
                        .restart())
                .isFalse();
        STUB.verify(getRequestedFor(urlPathEqualTo(V1 + "/chats/" + CHAT_PATH + "/messages"))
                .withQueryParam("$orderby", equalTo("lastModifiedDateTime desc"))
                .withQueryParam("$filter", matching("lastModifiedDateTime gt \\d{4}-.*Z")));
    }

    @Test
    void theTriggerReportsNewChannelMessagesOnce() {
        var trigger = (PollingTrigger)
                connectors.connector("teams").orElseThrow().triggers().getFirst();
        var ctx = connectors.context(user.workspaceId(), connection);
        JsonNode settings = JsonMapper.builder().build().valueToTree(Map.of("teamId", "T1", "channelId", "C1"));
        String delta = "http://localhost:" + STUB.port() + CHANNEL + "/messages/delta?$deltatoken=d1";
        STUB.stubFor(get(urlPathEqualTo(CHANNEL + "/messages/delta"))
                .willReturn(json("{\"value\":[" + MESSAGE + "],\"@odata.deltaLink\":\"" + delta + "\"}")));
        var baseline = trigger.poll(ctx, settings, null);
        assertThat(baseline.events()).isEmpty();
        var next = trigger.poll(ctx, settings, baseline.cursor());
        assertThat(next.events()).singleElement().satisfies(e -> {
            assertThat(e.dedupKey()).isEqualTo("1700000000001");
            assertThat(e.payload().get("text").asString()).isEqualTo("Deploy at 5?");
        });
        STUB.verify(getRequestedFor(urlPathEqualTo(CHANNEL + "/messages/delta"))
                .withQueryParam("$deltatoken", equalTo("d1")));
    }

    @Test
    void chatsShowInTheInboxAndAReplyGoesToTheChat() {
        STUB.stubFor(get(urlPathEqualTo(V1 + "/me/chats"))
                .willReturn(json("{\"value\":[{\"id\":\"" + CHAT_ID + "\",\"chatType\":\"oneOnOne\"}]}")));
        STUB.stubFor(get(urlPathEqualTo(V1 + "/chats/" + CHAT_PATH + "/messages"))
                .willReturn(json("{\"value\":[" + MESSAGE + "]}")));
        SyncStore inbox = stores.stream()
                .filter(s -> s.itemType() == SyncedMessage.class)
                .findFirst()
                .orElseThrow();
        SyncFeedRun.run(connectors, user.workspaceId(), connection, "teams.chats", null, 50, inbox);
        var listed = users.as(user).get("/api/v1/inbox?source=teams");
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.toString()).contains("Deploy at 5?");
        String id = listed.json().at("/items/0/id").asString();

        STUB.stubFor(post(urlPathEqualTo(V1 + "/chats/" + CHAT_PATH + "/messages"))
                .willReturn(json(MESSAGE).withStatus(201)));
        var reply = users.as(user).post("/api/v1/inbox/" + id + "/reply", Map.of("text", "Yes, at 5"));
        assertThat(reply.status()).as(reply.toString()).isLessThan(300);
        STUB.verify(postRequestedFor(urlPathEqualTo(V1 + "/chats/" + CHAT_PATH + "/messages"))
                .withRequestBody(equalToJson("{\"body\":{\"contentType\":\"text\",\"content\":\"Yes, at 5\"}}")));
    }
}
