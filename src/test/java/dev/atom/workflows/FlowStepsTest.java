package dev.atom.workflows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Switch, for_each and sub-workflow steps through the API: paths taken, per-iteration states, limits. */
class FlowStepsTest extends AppTestBase {
    private WireMockServer wm;
    private TestHttp api;
    private WorkflowTestSupport flows;

    @BeforeEach
    void setUp() {
        wm = new WireMockServer(wireMockConfig().dynamicPort());
        wm.start();
        var users = new TestUsers(this::http);
        api = users.as(users.signUp("fiona"));
        flows = new WorkflowTestSupport(api);
    }

    @AfterEach
    void tearDown() {
        wm.stop();
    }

    private static List<String> stepIds(JsonNode run) {
        List<String> ids = new ArrayList<>();
        run.get("steps").forEach(s -> ids.add(s.get("id").asString()));
        return ids;
    }

    private static JsonNode step(JsonNode run, String id) {
        for (JsonNode s : run.get("steps")) {
            if (s.get("id").asString().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no step " + id + " in " + run);
    }

    private static final String TRIAGE = """
            { "name": "Triage", "trigger": { "type": "manual" },
              "steps": [ { "id": "kind", "type": "switch", "value": "{{ trigger.input.label }}",
                           "cases": [ { "equals": "bug", "steps": [ { "id": "fix", "type": "transform", "output": "fix it" } ] },
                                      { "equals": 3, "steps": [ { "id": "three", "type": "transform", "output": "three" } ] } ],
                           "default": [ { "id": "later", "type": "transform", "output": "later" } ] } ] }
            """;

    @Test
    void aSwitchRunsTheMatchingCaseOrTheDefaultAndRecordsWhichCase() {
        String id = flows.createAndPublish(TRIAGE);
        var bug = flows.awaitEnd(flows.start(id, Map.of("label", "bug")));
        assertThat(bug.get("status").asString()).isEqualTo("succeeded");
        assertThat(stepIds(bug)).containsExactly("kind", "fix");
        assertThat(step(bug, "kind").get("output").get("case").asInt()).isEqualTo(0);
        assertThat(bug.get("output").asString()).isEqualTo("fix it");

        var three = flows.awaitEnd(flows.start(id, Map.of("label", 3.0)));
        assertThat(stepIds(three)).containsExactly("kind", "three");

        var other = flows.awaitEnd(flows.start(id, Map.of("label", "question")));
        assertThat(stepIds(other)).containsExactly("kind", "later");
        assertThat(step(other, "kind").get("output").get("case").asString()).isEqualTo("default");
    }

    @Test
    void aSwitchCaseStepIsNotVisibleAfterTheSwitchAndCasesAreChecked() {
        var r = api.post("/api/v1/workflows", Map.of("definition", WorkflowTestSupport.JSON.readTree("""
                { "name": "Bad", "trigger": { "type": "manual" },
                  "steps": [ { "id": "s", "type": "switch", "value": "{{ trigger.input.x }}",
                               "cases": [ { "steps": [ { "id": "a", "type": "transform", "output": 1 } ] },
                                          { "equals": "{{ trigger.input.y }}", "steps": [] } ] },
                             { "id": "after", "type": "transform", "output": "{{ steps.a.output }}" } ] }
                """)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(WorkflowTestSupport.errors(r))
                .contains(
                        "steps[0].cases[0].equals: is required: the value that selects this case",
                        "steps[0].cases[1].equals: must be a fixed value, not an expression")
                .anyMatch(e -> e.startsWith("steps[1].output") && e.contains("does not run before"));
    }

    @Test
    void aForEachRunsItsBodyPerItemWithItemAndIndexAndKeepsEachIterationsSteps() {
        String id = flows.createAndPublish("""
                { "name": "Each", "trigger": { "type": "manual" },
                  "steps": [ { "id": "loop", "type": "for_each", "items": "{{ trigger.input.names }}", "as": "name",
                               "steps": [ { "id": "greet", "type": "transform", "output": "hi {{ name }} #{{ index }}" },
                                          { "id": "shout", "type": "transform", "output": "{{ upper(steps.greet.output) }}" } ] },
                             { "id": "after", "type": "transform", "output": "{{ steps.loop.output }}" } ] }
                """);
        var run = flows.awaitEnd(flows.start(id, Map.of("names", List.of("ann", "bob"))));
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(stepIds(run))
                .containsExactly("loop", "loop[0].greet", "loop[0].shout", "loop[1].greet", "loop[1].shout", "after");
        assertThat(step(run, "loop[1].greet").get("output").asString()).isEqualTo("hi bob #1");
        assertThat(run.get("output").toString()).isEqualTo("[\"HI ANN #0\",\"HI BOB #1\"]");
    }

    @Test
    void parallelIterationsEachCallOnceWithTheirOwnIdempotencyKey() {
        wm.stubFor(post(urlPathMatching("/item/.*"))
                .willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
        String id = flows.createAndPublish("""
                { "name": "Fan out", "trigger": { "type": "manual" },
                  "steps": [ { "id": "loop", "type": "for_each", "items": "{{ trigger.input.ids }}", "concurrency": 5,
                               "steps": [ { "id": "call", "action": "http.request",
                                            "input": { "method": "POST", "url": "{{ trigger.input.base }}/item/{{ item }}" } } ] } ] }
                """);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(i);
        }
        String runId = flows.start(id, Map.of("ids", ids, "base", wm.baseUrl()));
        var run = flows.awaitEnd(runId);
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.get("output")).hasSize(12);
        assertThat(run.get("steps")).hasSize(13);
        for (int i = 0; i < 12; i++) {
            assertThat(wm.findAll(postRequestedFor(urlPathMatching("/item/" + i))
                            .withHeader("Idempotency-Key", equalTo("atom-" + runId + "-loop[" + i + "].call"))))
                    .hasSize(1);
        }
    }

    @Test
    void aFailingIterationFailsTheLoopAndNoLaterIterationStarts() {
        String id = flows.createAndPublish("""
                { "name": "Stops", "trigger": { "type": "manual" },
                  "steps": [ { "id": "loop", "type": "for_each", "items": "{{ trigger.input.items }}",
                               "steps": [ { "id": "check", "type": "condition", "if": "{{ item == 2 }}",
                                            "then": [ { "id": "boom", "type": "fail", "message": "bad {{ item }} at {{ index }}" } ] } ] },
                             { "id": "never", "type": "transform", "output": 1 } ] }
                """);
        var run = flows.awaitEnd(flows.start(id, Map.of("items", List.of(1, 2, 3))));
        assertThat(run.get("status").asString()).isEqualTo("failed");
        assertThat(run.get("error").asString()).isEqualTo("loop[1].boom: bad 2 at 1");
        assertThat(stepIds(run)).containsExactly("loop", "loop[0].check", "loop[1].check", "loop[1].boom");
        assertThat(step(run, "loop").get("status").asString()).isEqualTo("failed");
    }

    @Test
    void aForEachFailsClearlyOnTooManyItemsOrNotAList() {
        String id = flows.createAndPublish("""
                { "name": "Big", "trigger": { "type": "manual" },
                  "steps": [ { "id": "loop", "type": "for_each", "items": "{{ trigger.input.items }}",
                               "steps": [ { "id": "x", "type": "transform", "output": "{{ item }}" } ] } ] }
                """);
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(i);
        }
        var big = flows.awaitEnd(flows.start(id, Map.of("items", many)));
        assertThat(big.get("status").asString()).isEqualTo("failed");
        assertThat(big.get("error").asString())
                .isEqualTo(
                        "loop: items has 1001 entries; a for_each takes at most 1000 (split the list or page through it)");
        var text = flows.awaitEnd(flows.start(id, Map.of("items", "abc")));
        assertThat(text.get("error").asString()).isEqualTo("loop: items must be a list, not a string");
    }

    @Test
    void itemAndIndexAreReadableOnlyInsideTheBodyAndLoopFieldsAreChecked() {
        var r = api.post("/api/v1/workflows", Map.of("definition", WorkflowTestSupport.JSON.readTree("""
                { "name": "Scope", "trigger": { "type": "manual" },
                  "steps": [ { "id": "loop", "type": "for_each", "items": "{{ item }}", "concurrency": 50,
                               "steps": [ { "id": "in", "type": "transform", "output": "{{ item }}" } ] },
                             { "id": "out", "type": "transform", "output": "{{ index }}" },
                             { "id": "loop2", "type": "for_each", "items": [1], "as": "steps" } ] }
                """)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(WorkflowTestSupport.errors(r))
                .anyMatch(e -> e.startsWith("steps[0].items") && e.contains("unknown name 'item'"))
                .anyMatch(e -> e.startsWith("steps[1].output") && e.contains("unknown name 'index'"))
                .contains(
                        "steps[0].concurrency: must be a whole number from 1 to 20",
                        "steps[2].as: 'steps' is taken; choose another name",
                        "steps[2].steps: is required: a list of steps")
                .noneMatch(e -> e.startsWith("steps[0].steps[0]"));
    }

    @Test
    void aSubWorkflowRunsAndItsOutputBecomesTheStepsOutput() {
        String child = flows.createAndPublish("""
                { "name": "Double", "trigger": { "type": "manual" },
                  "steps": [ { "id": "d", "type": "transform", "output": { "twice": "{{ trigger.input.n * 2 }}" } } ] }
                """);
        String parent = flows.createAndPublish("""
                { "name": "Parent", "trigger": { "type": "manual" },
                  "steps": [ { "id": "sub", "type": "workflow", "workflow": "%s", "input": { "n": "{{ trigger.input.n }}" } },
                             { "id": "use", "type": "transform", "output": "{{ steps.sub.output.twice + 1 }}" } ] }
                """.formatted(child));
        var run = flows.awaitEnd(flows.start(parent, Map.of("n", 20)));
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.get("output").asInt()).isEqualTo(41);

        var childRuns = api.get("/api/v1/runs?workflow=" + child).json().get("items");
        assertThat(childRuns).hasSize(1);
        assertThat(childRuns.get(0).get("trigger").get("parent").get("runId").asString())
                .isEqualTo(run.get("id").asString());
    }

    @Test
    void aFailedSubWorkflowFailsTheStepAndWithoutWaitTheParentGoesOn() {
        String child = flows.createAndPublish("""
                { "name": "Broken", "trigger": { "type": "manual" },
                  "steps": [ { "id": "no", "type": "fail", "message": "nope {{ trigger.input.why }}" } ] }
                """);
        String parent = flows.createAndPublish("""
                { "name": "Parent", "trigger": { "type": "manual" },
                  "steps": [ { "id": "sub", "type": "workflow", "workflow": "%s", "input": { "why": "really" } } ] }
                """.formatted(child));
        var run = flows.awaitEnd(flows.start(parent, Map.of()));
        assertThat(run.get("status").asString()).isEqualTo("failed");
        assertThat(run.get("error").asString())
                .startsWith("sub: sub-workflow run ")
                .endsWith("failed: no: nope really");

        String fireAndForget = flows.createAndPublish("""
                { "name": "Async", "trigger": { "type": "manual" },
                  "steps": [ { "id": "sub", "type": "workflow", "workflow": "%s", "wait": false } ] }
                """.formatted(child));
        var async = flows.awaitEnd(flows.start(fireAndForget, Map.of()));
        assertThat(async.get("status").asString()).isEqualTo("succeeded");
        assertThat(async.get("output").get("runId").asString()).isNotBlank();
    }

    @Test
    void aWorkflowStartingItselfStopsAtTheDepthLimit() {
        var created = api.post("/api/v1/workflows", Map.of("definition", WorkflowTestSupport.JSON.readTree("""
                { "name": "Self", "trigger": { "type": "manual" }, "steps": [ { "id": "x", "type": "stop" } ] }
                """)));
        String id = created.json().get("id").asString();
        assertThat(api.post("/api/v1/workflows/" + id + "/publish", Map.of()).status())
                .isEqualTo(200);
        var updated = api.put(
                "/api/v1/workflows/" + id, Map.of("definition", WorkflowTestSupport.JSON.readTree("""
                        { "name": "Self", "trigger": { "type": "manual" },
                          "steps": [ { "id": "again", "type": "workflow", "workflow": "%s" } ] }
                        """.formatted(id))));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(api.post("/api/v1/workflows/" + id + "/publish", Map.of()).status())
                .isEqualTo(200);
        var run = flows.awaitEnd(flows.start(id, Map.of()));
        assertThat(run.get("status").asString()).isEqualTo("failed");
        assertThat(run.get("error").asString()).contains("sub-workflows nest deeper than 5 levels");
    }

    @Test
    void aSubWorkflowMustNameAPublishedWorkflowOfTheWorkspace() {
        var draft = api.post("/api/v1/workflows", Map.of("definition", WorkflowTestSupport.JSON.readTree("""
                { "name": "Draft", "trigger": { "type": "manual" }, "steps": [ { "id": "x", "type": "stop" } ] }
                """)));
        String draftId = draft.json().get("id").asString();
        var r = api.post(
                "/api/v1/workflows", Map.of("definition", WorkflowTestSupport.JSON.readTree("""
                { "name": "P", "trigger": { "type": "manual" },
                  "steps": [ { "id": "a", "type": "workflow", "workflow": "%s" },
                             { "id": "b", "type": "workflow", "workflow": "nope", "wait": "yes" } ] }
                """.formatted(draftId))));
        assertThat(WorkflowTestSupport.errors(r))
                .containsExactlyInAnyOrder(
                        "steps[0].workflow: no published workflow '" + draftId + "' in this workspace",
                        "steps[1].workflow: no published workflow 'nope' in this workspace",
                        "steps[1].wait: must be true or false");
    }
}
