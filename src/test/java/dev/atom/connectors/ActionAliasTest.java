package dev.atom.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import dev.atom.testing.ToolBox;
import dev.atom.tools.ToolCatalog;
import dev.atom.tools.ToolResult;
import dev.atom.workflows.WorkflowTestSupport;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A renamed action keeps working under its old id ({@link Action#aliases()}): the test connector's {@code
 * testkey.check_key} was "testkey.verify_key". The catalog lists the old id, and a direct call, a saved workflow
 * definition and the assistant's tool catalog all reach the action by it. Also how a {@link
 * ConnectorException.NotFound} reads on each of those routes.
 */
class ActionAliasTest extends StubbedServiceTestBase {
    @Autowired
    ToolCatalog tools;

    private TestUsers.User user;
    private TestHttp api;
    private String connection;

    @BeforeEach
    void connect() {
        var users = new TestUsers(this::http);
        user = users.signUp("alias");
        api = users.as(user);
        var c = api.post(
                "/api/v1/connections",
                Map.of(
                        "connector",
                        "testkey",
                        "name",
                        "Key",
                        "credentials",
                        Map.of("api_key", "good-key-123", "account", "acme")));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        connection = c.json().get("id").asString();
    }

    @Test
    void theCatalogListsTheOldIdAndADirectCallByItRunsTheAction() {
        JsonNode catalog = api.get("/api/v1/connectors").json();
        JsonNode action = null;
        for (JsonNode c : catalog) {
            for (JsonNode a : c.path("actions")) {
                if (a.get("id").asString().equals("testkey.check_key")) {
                    action = a;
                }
            }
        }
        assertThat(action).isNotNull();
        assertThat(action.get("aliases").toString()).isEqualTo("[\"testkey.verify_key\"]");
        assertThat(api.get("/api/v1/connectors?q=verify_key").json().toString()).contains("testkey.check_key");

        var r = api.post("/api/v1/connections/" + connection + "/actions/testkey.verify_key", Map.of("mode", "echo"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/account").asString()).isEqualTo("acme");
    }

    @Test
    void aWorkflowSavedWithTheOldIdStillRuns() {
        var flows = new WorkflowTestSupport(api);
        String id = flows.createAndPublish("""
                { "name": "Saved before the rename", "trigger": { "type": "manual" },
                  "steps": [ { "id": "k", "action": "testkey.verify_key", "connection": "%s",
                               "input": { "mode": "echo" } } ] }
                """.formatted(connection));
        JsonNode run = flows.awaitEnd(flows.start(id, Map.of()));
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.toString()).contains("acme");
    }

    @Test
    void theAssistantFindsTheToolByItsOldName() {
        var context = ToolBox.context(user);
        var tool = tools.find(context, "testkey_verify_key").orElseThrow();
        assertThat(tool.name()).isEqualTo("testkey_check_key");
        assertThat(tools.available(context).stream().map(t -> t.name()).toList())
                .as("only the current name is offered to models")
                .contains("testkey_check_key")
                .doesNotContain("testkey_verify_key");
        var done = tool.call(context, ToolBox.JSON.valueToTree(Map.of("mode", "echo")));
        assertThat(done).isInstanceOf(ToolResult.Done.class);
    }

    @Test
    void notFoundIsA404NamingTheFieldOnEveryRoute() {
        var direct =
                api.post("/api/v1/connections/" + connection + "/actions/testkey.check_key", Map.of("mode", "missing"));
        assertThat(direct.status()).as(direct.toString()).isEqualTo(404);
        assertThat(direct.json().get("type").asString()).endsWith("/service-not-found");
        assertThat(direct.json().get("detail").asString()).isEqualTo("mode: the channel #gone was not found");
        assertThat(direct.json().get("field").asString()).isEqualTo("input.mode");

        var flows = new WorkflowTestSupport(api);
        String id = flows.createAndPublish("""
                { "name": "Finds nothing", "trigger": { "type": "manual" },
                  "steps": [ { "id": "k", "action": "testkey.check_key", "connection": "%s",
                               "input": { "mode": "missing" } } ] }
                """.formatted(connection));
        JsonNode run = flows.awaitEnd(flows.start(id, Map.of()));
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("failed");
        assertThat(run.toString()).contains("input.mode: the channel #gone was not found at the service");

        var tool = tools.find(ToolBox.context(user), "testkey_check_key").orElseThrow();
        var failed = tool.call(ToolBox.context(user), ToolBox.JSON.valueToTree(Map.of("mode", "missing")));
        assertThat(failed).isInstanceOf(ToolResult.Failed.class);
        assertThat(((ToolResult.Failed) failed).message())
                .isEqualTo("Test key service: the channel #gone was not found");
        assertThat(((ToolResult.Failed) failed).field()).isEqualTo("mode");
    }
}
