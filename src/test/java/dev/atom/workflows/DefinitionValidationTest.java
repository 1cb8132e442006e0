package dev.atom.workflows;

import static dev.atom.workflows.WorkflowTestSupport.JSON;
import static dev.atom.workflows.WorkflowTestSupport.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A definition is checked in full on every save; each problem names its exact place. */
class DefinitionValidationTest extends AppTestBase {
    private TestHttp api;

    @BeforeEach
    void setUp() {
        var users = new TestUsers(this::http);
        api = users.as(users.signUp("vera"));
    }

    private TestHttp.Response create(String definition) {
        return api.post("/api/v1/workflows", Map.of("definition", JSON.readTree(definition)));
    }

    @Test
    void everyProblemIsReportedAtItsPlace() {
        var r = create("""
                { "name": "Broken", "trigger": { "type": "cron" },
                  "steps": [
                    { "id": "a", "action": "http.request", "input": { "url": "{{ trigger.input.base }}", "colour": 1 } },
                    { "id": "a", "type": "transform" },
                    { "id": "c", "action": "nope.nothing" },
                    { "id": "d", "action": "slack.post_message", "input": { "text": "hi" } },
                    { "id": "e", "type": "transform", "output": "{{ steps.later.output }}" },
                    { "id": "f", "type": "transform", "output": "{{ uper(trigger.x) }}" },
                    { "id": "later", "type": "fail", "message": "x", "extra": true },
                    { "id": "g", "action": "http.request", "input": { "method": "GET", "url": "https://x.test" },
                      "retry": { "max": 99, "backoff": "soon" }, "timeout": "PT2H" } ] }
                """);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.header("Content-Type")).contains("application/problem+json");
        assertThat(errors(r))
                .contains(
                        "trigger.type: unknown trigger type 'cron' (known: manual, webhook, schedule)",
                        "steps[0].input.method: is required",
                        "steps[0].input.colour: is not a known field",
                        "steps[1].id: 'a' is used by another step",
                        "steps[1].output: is required",
                        "steps[2].action: unknown action 'nope.nothing'",
                        "steps[3].connection: is required: the id of a Slack connection",
                        "steps[4].output: steps.later.output refers to a step that does not run before this one",
                        "steps[6].extra: is not a known field",
                        "steps[7].retry.max: must be a whole number from 1 to 20",
                        "steps[7].retry.backoff: must be an ISO-8601 duration such as PT30S or PT2H",
                        "steps[7].timeout: must be more than zero and at most PT1H");
        assertThat(errors(r))
                .anySatisfy(e -> assertThat(e).startsWith("steps[5].output: ").contains("uper"));
    }

    @Test
    void aStepOfOneBranchIsNotVisibleFromTheOther() {
        var r = create("""
                { "name": "Branches", "trigger": { "type": "manual" },
                  "steps": [ { "id": "c", "type": "condition", "if": "{{ trigger.input.x }}",
                    "then": [ { "id": "yes", "type": "transform", "output": 1 } ],
                    "else": [ { "id": "no", "type": "transform", "output": "{{ steps.yes.output }}" } ] } ] }
                """);
        assertThat(errors(r))
                .containsExactly(
                        "steps[0].else[0].output: steps.yes.output refers to a step that does not run before this one");
    }

    @Test
    void aConnectionMustBeTheWorkspacesAndForTheRightService() {
        var c = api.post("/api/v1/connections", Map.of("connector", "http", "name", "Web", "credentials", Map.of()));
        String http = c.json().get("id").asString();
        var r = create("""
                { "name": "Wrong", "trigger": { "type": "manual" },
                  "steps": [ { "id": "a", "action": "slack.post_message", "connection": "%s",
                               "input": { "channel": "#x", "text": "hi" } },
                             { "id": "b", "action": "slack.post_message", "connection": "someone-elses",
                               "input": { "channel": "#x", "text": "hi" } } ] }
                """.formatted(http));
        assertThat(errors(r))
                .containsExactly(
                        "steps[0].connection: '" + http + "' is a http connection, not slack",
                        "steps[1].connection: no connection 'someone-elses' in this workspace");
    }

    @Test
    void theBodyMustCarryADefinitionObject() {
        assertThat(errors(api.post("/api/v1/workflows", Map.of("name", "x"))))
                .containsExactly("definition: is required: the workflow definition as a JSON object");
        assertThat(errors(api.post("/api/v1/workflows", Map.of("definition", "text"))))
                .containsExactly("definition: must be an object with name, trigger and steps");
    }
}
