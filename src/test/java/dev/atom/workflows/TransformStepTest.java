package dev.atom.workflows;

import static dev.atom.workflows.WorkflowTestSupport.JSON;
import static dev.atom.workflows.WorkflowTestSupport.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transform: a value, or a list filtered and mapped item by item, and the fields picked. */
class TransformStepTest extends AppTestBase {
    private TestHttp api;
    private WorkflowTestSupport flows;

    @BeforeEach
    void setUp() {
        var users = new TestUsers(this::http);
        api = users.as(users.signUp("tara"));
        flows = new WorkflowTestSupport(api);
    }

    @Test
    void filtersMapsAndPicks() {
        String id = flows.createAndPublish("""
                { "name": "Shape", "trigger": { "type": "manual" },
                  "steps": [
                    { "id": "urgent", "type": "transform", "items": "{{ trigger.input.issues }}",
                      "filter": "{{ item.priority >= 3 }}",
                      "map": { "title": "{{ upper(item.title) }}", "n": "{{ index }}", "secret": "x" },
                      "pick": ["title", "n"] },
                    { "id": "first", "type": "transform", "output": "{{ trigger.input.issues[0] }}",
                      "pick": ["title"] } ] }
                """);
        var run = flows.awaitEnd(flows.start(
                id,
                Map.of(
                        "issues",
                        List.of(
                                Map.of("title", "a", "priority", 1, "owner", "x"),
                                Map.of("title", "b", "priority", 3, "owner", "y"),
                                Map.of("title", "c", "priority", 5, "owner", "z")))));
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.get("steps").get(0).get("output"))
                .isEqualTo(JSON.readTree("[{\"title\":\"B\",\"n\":1},{\"title\":\"C\",\"n\":2}]"));
        assertThat(run.get("output")).isEqualTo(JSON.readTree("{\"title\":\"a\"}"));
    }

    @Test
    void itemsMustBeAListAtRunTime() {
        String id = flows.createAndPublish("""
                { "name": "Bad", "trigger": { "type": "manual" },
                  "steps": [ { "id": "t", "type": "transform", "items": "{{ trigger.input.x }}" } ] }
                """);
        var run = flows.awaitEnd(flows.start(id, Map.of("x", "text")));
        assertThat(run.get("status").asString()).isEqualTo("failed");
        assertThat(run.get("error").asString()).isEqualTo("t: items must be a list, not string");
    }

    @Test
    void theFieldsAreChecked() {
        var r = api.post("/api/v1/workflows", Map.of("definition", JSON.readTree("""
                { "name": "X", "trigger": { "type": "manual" },
                  "steps": [
                    { "id": "a", "type": "transform", "output": 1, "filter": "{{ item }}" },
                    { "id": "b", "type": "transform", "output": 1, "items": "{{ trigger.input.x }}" },
                    { "id": "c", "type": "transform", "output": "{{ item }}" },
                    { "id": "d", "type": "transform", "items": [], "pick": "title" } ] }
                """)));
        assertThat(errors(r))
                .contains(
                        "steps[0].filter: needs items: the list it works on",
                        "steps[1]: give exactly one of output (a value) or items (a list to filter and map)",
                        "steps[3].pick: must be a list of field names");
        assertThat(errors(r)).anySatisfy(e -> assertThat(e).startsWith("steps[2].output: unknown name 'item'"));
    }
}
