package dev.atom.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A failed run starts the definition's error workflow once, and the failure is in the audit log. */
class ErrorWorkflowTest extends AppTestBase {

    @Test
    void aFailureStartsTheErrorWorkflowWithWhatFailed() {
        var users = new TestUsers(this::http);
        TestHttp api = users.as(users.signUp("erin"));
        var flows = new WorkflowTestSupport(api);
        String handler = flows.createAndPublish("""
                { "name": "On failure", "trigger": { "type": "manual" },
                  "steps": [ { "id": "note", "type": "transform",
                               "output": "{{ trigger.failedRun.step }} failed: {{ trigger.failedRun.error }}" },
                             { "id": "also", "type": "fail", "message": "the handler fails too" } ] }
                """);
        String failing = flows.createAndPublish("""
                { "name": "Fragile", "trigger": { "type": "manual" }, "onError": { "workflow": "%s" },
                  "steps": [ { "id": "boom", "type": "fail", "message": "disk full" } ] }
                """.formatted(handler));
        String failedRun = flows.start(failing, Map.of());
        assertThat(flows.awaitEnd(failedRun).get("status").asString()).isEqualTo("failed");

        JsonNode handled = awaitRunOf(api, handler);
        assertThat(handled.get("trigger").get("failedRun").get("id").asString()).isEqualTo(failedRun);
        var run = flows.awaitEnd(handled.get("id").asString());
        assertThat(run.get("steps").get(0).get("output").asString()).isEqualTo("boom failed: boom: disk full");
        WorkflowTestSupport.sleep(500);
        assertThat(api.get("/api/v1/runs?workflow=" + handler).json().get("items"))
                .as("the handler's own failure starts nothing more")
                .hasSize(1);
        assertThat(api.get("/api/v1/audit").body())
                .contains("workflow.run_failed")
                .contains(failedRun);
    }

    @Test
    void onErrorMustNameAWorkflow() {
        var users = new TestUsers(this::http);
        TestHttp api = users.as(users.signUp("erik"));
        var r = api.post(
                "/api/v1/workflows",
                Map.of(
                        "definition",
                        Map.of(
                                "name",
                                "X",
                                "trigger",
                                Map.of("type", "manual"),
                                "steps",
                                java.util.List.of(),
                                "onError",
                                Map.of("flow", "x"))));
        assertThat(WorkflowTestSupport.errors(r))
                .containsExactly("onError.flow: is not a known field", "onError.workflow: is required");
    }

    private static JsonNode awaitRunOf(TestHttp api, String workflowId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            JsonNode items =
                    api.get("/api/v1/runs?workflow=" + workflowId).json().get("items");
            if (!items.isEmpty()) {
                return items.get(0);
            }
            assertThat(Instant.now()).as("no run of the error workflow").isBefore(deadline);
            WorkflowTestSupport.sleep(50);
        }
    }
}
