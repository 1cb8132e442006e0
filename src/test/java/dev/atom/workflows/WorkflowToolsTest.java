package dev.atom.workflows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.atom.testing.AppTestBase;
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
 * The workflow tools through the tool SPI in the running app: list, run (an external write previewed with the
 * workflow's name) and show a run; a member's workflow on a private connection is invisible to a colleague's tools.
 */
class WorkflowToolsTest extends AppTestBase {
    @Autowired
    List<Tool> beans;

    @Autowired
    List<ToolSource> sources;

    WireMockServer wm;
    ToolBox tools;
    TestUsers users;
    TestUsers.User ann;
    TestUsers.User bob;

    @BeforeEach
    void setUp() {
        wm = new WireMockServer(wireMockConfig().dynamicPort());
        wm.start();
        wm.stubFor(post("/hit").willReturn(aResponse().withStatus(200).withBody("ok")));
        tools = new ToolBox(beans, sources);
        users = new TestUsers(this::http);
        ann = users.signUp("ann");
        bob = users.invite("bob", ann, "member");
    }

    @AfterEach
    void tearDown() {
        wm.stop();
    }

    /** A published workflow of {@code owner} that POSTs to the stub through a new connection of theirs. */
    private String workflow(TestUsers.User owner, String name, String visibility) {
        var c = users.as(owner)
                .post(
                        "/api/v1/connections",
                        Map.of("connector", "http", "name", "Web", "visibility", visibility, "credentials", Map.of()));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        String definition = """
                { "name": "%s", "trigger": { "type": "manual" },
                  "steps": [ { "id": "call", "action": "http.request", "connection": "%s",
                               "input": { "method": "POST", "url": "%s/hit" } } ] }
                """.formatted(name, c.json().get("id").asString(), wm.baseUrl());
        return new WorkflowTestSupport(users.as(owner)).createAndPublish(definition);
    }

    @Test
    void listRunAndShowARun() {
        String id = workflow(ann, "Ping the site", "shared");
        JsonNode listed =
                tools.done(ann, "workflows_list", "{\"q\": \"ping\"}").output().get("workflows");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asString()).isEqualTo(id);
        assertThat(listed.get(0).get("published").asBoolean()).isTrue();
        assertThat(tools.done(ann, "workflows_list", "{\"q\": \"nothing like it\"}")
                        .output()
                        .get("workflows"))
                .isEmpty();

        String run = "{\"id\": \"" + id + "\", \"input\": {\"who\": \"assistant\"}}";
        assertThat(tools.effectOf(ann, "workflows_run", run)).isEqualTo(Tool.Effect.EXTERNAL_WRITE);
        assertThat(tools.preview(ann, "workflows_run", run))
                .isEqualTo("runs workflow “Ping the site” (version 1) as you with input {\"who\":\"assistant\"}; it may"
                        + " write to every app its steps use");
        ToolResult.Done started = tools.done(ann, "workflows_run", run);
        String runId = started.output().get("runId").asString();
        JsonNode ended = new WorkflowTestSupport(users.as(ann)).awaitEnd(runId);
        assertThat(ended.get("status").asString()).isEqualTo("succeeded");
        assertThat(ended.get("trigger").get("input").get("who").asString()).isEqualTo("assistant");
        wm.verify(1, postRequestedFor(urlEqualTo("/hit")));

        JsonNode shown = tools.done(ann, "workflows_show_run", "{\"id\": \"" + runId + "\"}")
                .output();
        assertThat(shown.get("status").asString()).isEqualTo("succeeded");
        assertThat(shown.get("steps").get(0).get("id").asString()).isEqualTo("call");
        assertThat(shown.get("steps").get(0).get("status").asString()).isEqualTo("succeeded");

        tools.failed(ann, "workflows_run", "{\"id\": \"01890000-0000-7000-8000-000000000000\"}", null);
        tools.failed(ann, "workflows_show_run", "{\"id\": \"nope\"}", null);
    }

    @Test
    void aColleaguesPrivateWorkflowAndItsRunsAreInvisible() {
        String mine = workflow(ann, "Ann's private ping", "private");
        String runId = tools.done(ann, "workflows_run", "{\"id\": \"" + mine + "\"}")
                .output()
                .get("runId")
                .asString();
        new WorkflowTestSupport(users.as(ann)).awaitEnd(runId);

        assertThat(tools.done(bob, "workflows_list", "{}").output().toString()).doesNotContain(mine);
        var refused = tools.failed(bob, "workflows_run", "{\"id\": \"" + mine + "\"}", null);
        assertThat(refused.message()).isEqualTo("Workflow not found");
        assertThat(tools.preview(bob, "workflows_run", "{\"id\": \"" + mine + "\"}"))
                .isEqualTo("workflows_run");
        tools.failed(bob, "workflows_show_run", "{\"id\": \"" + runId + "\"}", null);
        wm.verify(1, postRequestedFor(urlEqualTo("/hit")));
    }
}
