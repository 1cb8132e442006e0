package dev.atom.assistant.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.ai.gateway.GatewayTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import dev.atom.workspace.tasks.TaskToolsForTests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole app with the test tools, a user holding an OpenAI key whose base URL is a {@link ScriptedModel} on
 * WireMock, a fresh conversation, and a WireMock "mail service" for test_mail_send. Turns stop after 3 steps.
 */
@Import({TaskToolsForTests.class, AssistantTestTools.class})
abstract class AssistantTestBase extends GatewayTestBase {
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected TestUsers.User ann;
    protected String prefix;
    protected ScriptedModel model;
    protected String conversation;

    @DynamicPropertySource
    static void assistantProperties(DynamicPropertyRegistry registry) {
        registry.add("atom.assistant.max-steps", () -> "3");
        registry.add("atom.assistant.max-tool-result-chars", () -> "20000");
    }

    @BeforeEach
    void annWithAKeyAndAConversation() {
        ann = users().signUp("ann");
        prefix = prefix("openai");
        addKey(ann, "openai", prefix);
        model = new ScriptedModel(provider, prefix);
        provider.stubFor(post(urlPathEqualTo("/" + prefix + "/outbox")).willReturn(okJson("{\"ok\":true}")));
        AssistantTestTools.outbox = "http://127.0.0.1:" + provider.port() + "/" + prefix + "/outbox";
        conversation = newConversation(ann);
    }

    protected String newConversation(TestUsers.User who) {
        var r = users().as(who).post("/api/v1/assistant/conversations", Map.of("title", "test"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    protected TestHttp.Response say(String text) {
        return users().as(ann)
                .post("/api/v1/assistant/conversations/" + conversation + "/messages", Map.of("text", text));
    }

    protected JsonNode turn(String text) {
        var r = say(text);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    protected JsonNode shown() {
        var r = users().as(ann).get("/api/v1/assistant/conversations/" + conversation);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    protected List<String> taskTitles(TestUsers.User who) {
        return users().as(who)
                .get("/api/v1/tasks")
                .json()
                .get("items")
                .valueStream()
                .map(t -> t.get("title").asString())
                .toList();
    }

    protected List<JsonNode> mailsSent() {
        return provider.findAll(postRequestedFor(urlPathEqualTo("/" + prefix + "/outbox"))).stream()
                .map(r -> JSON.readTree(r.getBodyAsString()))
                .toList();
    }

    /** The tool messages of the model's n-th request (0-based), in order. */
    protected List<JsonNode> toolMessages(int request) {
        return model.requests()
                .get(request)
                .get("messages")
                .valueStream()
                .filter(m -> m.path("role").asString().equals("tool"))
                .toList();
    }
}
