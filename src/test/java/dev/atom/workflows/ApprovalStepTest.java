package dev.atom.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Approval steps: waiting, the pending list, who may decide, approve, reject, timeouts. */
class ApprovalStepTest extends AppTestBase {
    private TestUsers users;
    private TestUsers.User owner;
    private TestUsers.User member;
    private TestHttp api;
    private WorkflowTestSupport flows;

    @BeforeEach
    void setUp() {
        users = new TestUsers(this::http);
        owner = users.signUp("gina");
        member = users.invite("hugo", owner, "member");
        api = users.as(owner);
        flows = new WorkflowTestSupport(api);
    }

    private static String definition(String approval) {
        return """
                { "name": "Pay", "trigger": { "type": "manual" },
                  "steps": [ { "id": "ask", "type": "approval", "message": "Pay {{ trigger.input.amount }}?" %s },
                             { "id": "paid", "type": "transform", "output": "{{ steps.ask.output.decision }}" } ] }
                """.formatted(approval);
    }

    private TestHttp.Response decide(TestHttp as, String runId, String decision, String comment) {
        return as.post(
                "/api/v1/runs/" + runId + "/approvals/ask",
                comment == null ? Map.of("decision", decision) : Map.of("decision", decision, "comment", comment));
    }

    @Test
    void theRunWaitsIsListedAndAnApproverResumesIt() {
        String id = flows.createAndPublish(definition(", \"approvers\": [\"admin\"], \"timeout\": \"P2D\""));
        String runId = flows.start(id, Map.of("amount", 120));
        var waiting = flows.awaitStatus(runId, "waiting");
        assertThat(waiting.get("steps").get(0).get("status").asString()).isEqualTo("waiting");

        JsonNode pending = api.get("/api/v1/approvals").json().get("items");
        JsonNode mine = null;
        for (JsonNode p : pending) {
            if (p.get("runId").asString().equals(runId)) {
                mine = p;
            }
        }
        assertThat(mine).as(pending.toString()).isNotNull();
        assertThat(mine.get("message").asString()).isEqualTo("Pay 120?");
        assertThat(mine.get("stepId").asString()).isEqualTo("ask");
        assertThat(mine.get("canDecide").asBoolean()).isTrue();
        assertThat(mine.get("until").asString()).isNotBlank();
        assertThat(users.as(member)
                        .get("/api/v1/approvals")
                        .json()
                        .get("items")
                        .get(0)
                        .get("canDecide")
                        .asBoolean())
                .isFalse();

        var refused = decide(users.as(member), runId, "approve", null);
        assertThat(refused.status()).isEqualTo(403);
        var bad = decide(api, runId, "maybe", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(WorkflowTestSupport.errors(bad)).containsExactly("decision: must be approve or reject");

        var ok = decide(api, runId, "approve", "fine");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(decide(api, runId, "reject", null).status())
                .as("decided once, whether or not the run has resumed yet")
                .isEqualTo(409);
        var done = flows.awaitEnd(runId);
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        JsonNode ask = done.get("steps").get(0);
        assertThat(ask.get("status").asString()).isEqualTo("succeeded");
        assertThat(ask.get("output").get("decision").asString()).isEqualTo("approve");
        assertThat(ask.get("output").get("by").asString()).isEqualTo(owner.id());
        assertThat(ask.get("output").get("comment").asString()).isEqualTo("fine");
        assertThat(ask.get("output").get("at").asString()).isNotBlank();
        assertThat(done.get("output").asString()).isEqualTo("approve");

        assertThat(decide(api, runId, "reject", null).status())
                .as("decided once")
                .isEqualTo(409);
    }

    @Test
    void aRejectFailsTheRunUnlessTheStepContinues() {
        String failing = flows.createAndPublish(definition(""));
        String runId = flows.start(failing, Map.of("amount", 5));
        flows.awaitStatus(runId, "waiting");
        assertThat(decide(users.as(member), runId, "reject", "too much").status())
                .as("no approvers listed: any member")
                .isEqualTo(200);
        var failed = flows.awaitEnd(runId);
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("error").asString()).isEqualTo("ask: rejected by " + member.id() + ": too much");
        assertThat(failed.get("steps")).hasSize(1);
        assertThat(failed.get("steps").get(0).get("output").get("decision").asString())
                .isEqualTo("reject");

        String continuing = flows.createAndPublish(definition(", \"onReject\": \"continue\""));
        String second = flows.start(continuing, Map.of("amount", 5));
        flows.awaitStatus(second, "waiting");
        assertThat(decide(api, second, "reject", null).status()).isEqualTo(200);
        var goesOn = flows.awaitEnd(second);
        assertThat(goesOn.get("status").asString()).isEqualTo("succeeded");
        assertThat(goesOn.get("output").asString()).isEqualTo("reject");
    }

    @Test
    void atTheTimeoutTheStepDecidesAsOnTimeoutSays() {
        String approving = flows.createAndPublish(definition(", \"timeout\": \"PT1S\", \"onTimeout\": \"approve\""));
        var approved = flows.awaitEnd(flows.start(approving, Map.of("amount", 1)));
        assertThat(approved.get("status").asString()).isEqualTo("succeeded");
        assertThat(approved.get("steps").get(0).get("output").get("timedOut").asBoolean())
                .isTrue();
        assertThat(approved.get("output").asString()).isEqualTo("approve");

        String rejecting = flows.createAndPublish(definition(", \"timeout\": \"PT1S\""));
        var rejected = flows.awaitEnd(flows.start(rejecting, Map.of("amount", 1)));
        assertThat(rejected.get("status").asString()).isEqualTo("failed");
        assertThat(rejected.get("error").asString()).startsWith("ask: not decided before ");
    }

    @Test
    void approvalFieldsAreChecked() {
        var r = api.post("/api/v1/workflows", Map.of("definition", WorkflowTestSupport.JSON.readTree("""
                { "name": "Bad", "trigger": { "type": "manual" },
                  "steps": [ { "id": "ask", "type": "approval", "approvers": "admin", "timeout": "two days",
                               "onTimeout": "maybe" } ] }
                """)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(WorkflowTestSupport.errors(r))
                .containsExactlyInAnyOrder(
                        "steps[0].message: is required",
                        "steps[0].approvers: must be a list of user ids or roles (member, admin, owner)",
                        "steps[0].timeout: must be an ISO-8601 duration such as PT30S or PT2H",
                        "steps[0].onTimeout: must be one of approve, reject");
    }

    @Test
    void anotherWorkspaceCannotSeeOrDecide() {
        String id = flows.createAndPublish(definition(""));
        String runId = flows.start(id, Map.of("amount", 9));
        flows.awaitStatus(runId, "waiting");
        TestHttp stranger = users.as(users.signUp("ivan"));
        assertThat(decide(stranger, runId, "approve", null).status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/approvals").json().get("items").toString())
                .doesNotContain(runId);
        assertThat(decide(api, runId, "approve", null).status()).isEqualTo(200);
        assertThat(flows.awaitEnd(runId).get("status").asString()).isEqualTo("succeeded");
    }
}
