package dev.atom.connectors.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestUsers;
import dev.atom.testing.ToolBox;
import dev.atom.tools.Tool;
import dev.atom.tools.ToolResult;
import dev.atom.tools.ToolSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Connector actions as tools, against Slack's stub (every request checked against Slack's Web API description):
 * one tool per action of the caller's connections, a required {@code connection} when there are several, effects
 * and previews from the action and input, calls in the connection's call log under the caller, service refusals
 * naming the field, and a colleague never sees (nor uses) a member's private connection.
 */
@StubMount(property = "ATOM_SLACK_BASE_URL", path = "/api")
class ConnectionActionToolsTest extends StubbedServiceTestBase {
    // Assembled so no line looks like a real Slack token to secret scanners; they are fakes.
    static final String ACME_TOKEN = "xox" + "b-1111-2222-acmefaketoken";
    static final String BETA_TOKEN = "xox" + "b-3333-4444-betafaketoken";

    @Autowired
    List<Tool> beans;

    @Autowired
    List<ToolSource> sources;

    ToolBox tools;
    TestUsers users;
    TestUsers.User ann;
    TestUsers.User bob;
    String acme;
    String beta;

    private static void answer(String method, String body) {
        var json = aResponse().withHeader("Content-Type", "application/json").withBody(body);
        STUB.stubFor(get(urlPathEqualTo("/api/" + method)).willReturn(json));
        STUB.stubFor(post(urlPathEqualTo("/api/" + method)).willReturn(json));
    }

    private String connect(TestUsers.User owner, String name, String token, String visibility) {
        var c = users.as(owner)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "slack",
                                "name",
                                name,
                                "visibility",
                                visibility,
                                "credentials",
                                Map.of("bot_token", token)));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        return c.json().get("id").asString();
    }

    @BeforeEach
    void connect() {
        answer(
                "auth.test",
                "{\"ok\":true,\"team\":\"Acme\",\"user\":\"atom-bot\",\"team_id\":\"T1\",\"user_id\":\"U1\"}");
        tools = new ToolBox(beans, sources);
        users = new TestUsers(this::http);
        ann = users.signUp("ann");
        bob = users.invite("bob", ann, "member");
        acme = connect(ann, "Acme", ACME_TOKEN, "private");
        beta = connect(ann, "Beta", BETA_TOKEN, "shared");
    }

    @AfterEach
    void everyRequestIsOneSlackAccepts() {
        OpenApiContract.subset(
                        "slack-web-subset.json",
                        Map.of("DROP_HEADER_PARAMS", "token", OpenApiContract.DROP_PARAMS, "token"),
                        "*")
                .assertRequestsValid(STUB, "/api");
    }

    @Test
    void severalConnectionsMakeTheConnectionARequiredChoice() {
        Tool post = tools.tool(ToolBox.context(ann), "slack_post_message");
        JsonNode schema = post.inputSchema();
        assertThat(schema.at("/properties/connection/enum").valueStream().map(JsonNode::asString))
                .containsExactly(acme, beta);
        assertThat(schema.at("/properties/connection/description").asString()).contains("Acme", "Beta");
        assertThat(schema.get("required").valueStream().map(JsonNode::asString)).contains("connection", "text");
        assertThat(post.effect()).isEqualTo(Tool.Effect.EXTERNAL_WRITE);
        assertThat(post.destructive()).isTrue();
        Tool list = tools.tool(ToolBox.context(ann), "slack_list_channels");
        assertThat(list.effect()).isEqualTo(Tool.Effect.READ);
        assertThat(list.destructive()).isFalse();

        String input = "{\"connection\": \"" + acme + "\", \"channel\": \"#general\", \"text\": \"Hello\"}";
        assertThat(tools.preview(ann, "slack_post_message", input))
                .isEqualTo("Post a message on Slack connection “Acme”: channel=“#general”, text=“Hello”"
                        + " (cannot be undone)");

        answer("chat.postMessage", "{\"ok\":true,\"channel\":\"C024BE91L\",\"ts\":\"1700000000.000100\"}");
        ToolResult.Done done = tools.done(ann, "slack_post_message", input);
        assertThat(done.output().get("channel").asString()).isEqualTo("C024BE91L");
        STUB.verify(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                .withHeader("Authorization", equalTo("Bearer " + ACME_TOKEN))
                .withRequestBody(equalTo("channel=%23general&text=Hello")));
        JsonNode call = users.as(ann)
                .get("/api/v1/connections/" + acme + "/calls")
                .json()
                .get("items")
                .get(0);
        assertThat(call.get("action").asString()).isEqualTo("slack.post_message");
        assertThat(call.get("user").asString()).isEqualTo(ann.id());

        // the schema requires it (the catalog refuses such input first); the tool itself names it too
        ToolResult unpicked =
                post.call(ToolBox.context(ann), ToolBox.json("{\"channel\": \"#general\", \"text\": \"Hello\"}"));
        assertThat(((ToolResult.Failed) unpicked).field()).isEqualTo("connection");
    }

    @Test
    void refusalsAndBadInputNameTheField() {
        answer("chat.postMessage", "{\"ok\":false,\"error\":\"channel_not_found\"}");
        var refused = tools.failed(
                ann,
                "slack_post_message",
                "{\"connection\": \"" + beta + "\", \"channel\": \"#nowhere\", \"text\": \"hi\"}",
                "channel");
        assertThat(refused.message()).contains("channel_not_found").doesNotContain(BETA_TOKEN);
        var tool = tools.tool(ToolBox.context(ann), "slack_post_message");
        var missing = tool.call(
                ToolBox.context(ann), ToolBox.json("{\"connection\": \"" + beta + "\", \"channel\": \"#general\"}"));
        assertThat(missing).isInstanceOf(ToolResult.Failed.class);
        assertThat(((ToolResult.Failed) missing).field()).isEqualTo("text");
    }

    @Test
    void aColleagueNeverSeesNorUsesAPrivateConnection() {
        Tool bobs = tools.tool(ToolBox.context(bob), "slack_post_message");
        assertThat(bobs.inputSchema().toString()).doesNotContain(acme).doesNotContain("connection");
        assertThat(bobs.description()).contains("Beta").doesNotContain("Acme");
        for (Tool t : tools.available(ToolBox.context(bob))) {
            assertThat(t.description() + t.inputSchema()).doesNotContain(acme).doesNotContain("Acme");
        }

        // Ann's tool object, called in Bob's name with Ann's private connection: refused, nothing reaches Slack
        Tool annsTool = tools.tool(ToolBox.context(ann), "slack_post_message");
        ToolResult r = annsTool.call(
                ToolBox.context(bob),
                ToolBox.json("{\"connection\": \"" + acme + "\", \"channel\": \"#general\", \"text\": \"hi\"}"));
        assertThat(r).isInstanceOf(ToolResult.Failed.class);
        assertThat(((ToolResult.Failed) r).field()).isEqualTo("connection");
        STUB.verify(0, postRequestedFor(urlPathEqualTo("/api/chat.postMessage")));

        // the shared one works for Bob, with no connection to pick, and is logged under him
        answer("chat.postMessage", "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000001.000200\"}");
        tools.done(bob, "slack_post_message", "{\"channel\": \"#general\", \"text\": \"From Bob\"}");
        STUB.verify(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                .withHeader("Authorization", equalTo("Bearer " + BETA_TOKEN)));
        JsonNode call = users.as(ann)
                .get("/api/v1/connections/" + beta + "/calls")
                .json()
                .get("items")
                .get(0);
        assertThat(call.get("user").asString()).isEqualTo(bob.id());
    }
}
