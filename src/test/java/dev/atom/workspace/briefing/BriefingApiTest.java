package dev.atom.workspace.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import dev.atom.workflows.WorkflowTestSupport;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * GET /api/v1/briefing over the whole application: each section holds only the caller's own things (their tasks,
 * the approvals they may decide, their workflows' failures, the connections they may use), days and zones are
 * honoured, and bad parameters are 400s naming the field. Meetings, messages and tasks from connected apps:
 * {@link BriefingSectionsApiTest}.
 */
class BriefingApiTest extends AppTestBase {
    private static final String BERLIN = "Europe/Berlin";
    private TestUsers users;
    private TestUsers.User owner;
    private TestUsers.User member;
    private TestHttp api;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        users = new TestUsers(this::http);
        owner = users.signUp("olga");
        member = users.invite("mario", owner, "member");
        api = users.as(owner);
    }

    private JsonNode briefing(TestHttp as, String query) {
        var r = as.get("/api/v1/briefing" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private void task(TestHttp as, String title, String due, String assignee) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "dueAt", due, "timeZone", BERLIN));
        if (assignee != null) {
            body.put("assigneeId", assignee);
        }
        var r = as.post("/api/v1/tasks", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private static List<String> values(JsonNode items, String field) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get(field).asString()));
        return out;
    }

    @Test
    void aNewPersonsBriefingIsTodayInTheirZoneWithAnInvitationToConnectMail() {
        JsonNode b = briefing(api, "?timeZone=" + BERLIN);
        assertThat(b.get("date").asString())
                .isEqualTo(LocalDate.now(ZoneId.of(BERLIN)).toString());
        assertThat(b.get("timeZone").asString()).isEqualTo(BERLIN);
        for (String list : List.of("meetings", "tasks", "messages", "approvals", "failedRuns", "connections")) {
            assertThat(b.get(list).isArray()).as(list).isTrue();
            assertThat(b.get(list)).as(list).isEmpty();
        }
        // Atom's own calendar is always there: no meetings leaves the whole working day free
        assertThat(b.get("gaps")).hasSize(1);
        assertThat(b.get("gaps").get(0).get("minutes").asInt()).isEqualTo(540);
        // no mail or chat connected yet: said so, not shown as "nothing important"
        assertThat(b.at("/sections/messages/available").asBoolean()).isFalse();
        for (String s : List.of("meetings", "tasks", "approvals", "failedRuns", "connections")) {
            assertThat(b.at("/sections/" + s + "/available").asBoolean()).as(s).isTrue();
            assertThat(b.at("/sections/" + s + "/count").asInt()).as(s).isZero();
            JsonNode error = b.at("/sections/" + s + "/error");
            assertThat(error.isMissingNode() || error.isNull()).as(s).isTrue();
        }
        assertThat(b.at("/summary/source").asString()).isEqualTo("offline");
        assertThat(b.at("/summary/text").asString()).isEqualTo("No meetings; nothing needs you.");
        assertThat(briefing(api, "").get("timeZone").asString())
                .as("UTC by default")
                .isEqualTo("UTC");
    }

    @Test
    void tasksDueThatDayAndOverdueAreThePersonsOwn() {
        task(api, "Overdue report", "2030-01-14T17:00", null);
        task(api, "Morning call notes", "2030-01-15T09:00", null);
        task(api, "Late at night", "2030-01-15T23:30", null);
        task(api, "Next day", "2030-01-16T00:30", null);
        task(users.as(member), "Mario's own", "2030-01-14T09:00", null);
        task(users.as(member), "Given to Olga", "2030-01-15T08:00", owner.id());
        task(api, "Given to Mario", "2030-01-15T08:00", member.id());

        JsonNode b = briefing(api, "?date=2030-01-15&timeZone=" + BERLIN);
        assertThat(values(b.get("tasks"), "title"))
                .containsExactly("Overdue report", "Given to Olga", "Morning call notes", "Late at night");
        JsonNode first = b.get("tasks").get(0);
        assertThat(first.get("overdue").asBoolean()).isTrue();
        assertThat(first.get("due").asString()).isEqualTo("2030-01-14T16:00:00Z");
        assertThat(first.get("link").asString()).startsWith("/tasks#task-");
        assertThat(first.get("id").asString())
                .isEqualTo(first.get("link").asString().substring(12));
        assertThat(b.get("tasks").get(1).get("overdue").asBoolean()).isFalse();
        assertThat(b.at("/summary/text").asString()).isEqualTo("No meetings; 1 task overdue; 3 tasks due today.");

        // the same instant is another day in another zone: 23:30 Berlin is 22:30 UTC, 00:30 is still the 15th
        JsonNode utc = briefing(api, "?date=2030-01-15&timeZone=UTC");
        assertThat(values(utc.get("tasks"), "title")).contains("Late at night", "Next day");
        assertThat(values(
                        briefing(users.as(member), "?date=2030-01-15&timeZone=" + BERLIN)
                                .get("tasks"),
                        "title"))
                .containsExactly("Mario's own", "Given to Mario");
    }

    @Test
    void approvalsWaitingAreThoseThePersonMayDecide() {
        var flows = new WorkflowTestSupport(api);
        String id = flows.createAndPublish("""
                { "name": "Pay supplier", "trigger": { "type": "manual" },
                  "steps": [ { "id": "ask", "type": "approval", "message": "Pay {{ trigger.input.amount }}?",
                               "approvers": ["admin"] } ] }
                """);
        String runId = flows.start(id, Map.of("amount", 120));
        flows.awaitStatus(runId, "waiting");

        JsonNode approvals = briefing(api, "").get("approvals");
        assertThat(approvals).hasSize(1);
        JsonNode a = approvals.get(0);
        assertThat(a.get("id").asString()).isEqualTo(runId + "/ask");
        assertThat(a.get("workflow").asString()).isEqualTo("Pay supplier");
        assertThat(a.get("message").asString()).isEqualTo("Pay 120?");
        assertThat(a.get("link").asString()).isEqualTo("/approvals#approval-" + runId + "-ask");
        assertThat(briefing(users.as(member), "").get("approvals"))
                .as("only admins decide")
                .isEmpty();
    }

    @Test
    void failedRunsSinceYesterdayAreThoseOfThePersonsWorkflows() {
        var flows = new WorkflowTestSupport(api);
        String failing = flows.createAndPublish("""
                { "name": "Nightly export", "trigger": { "type": "manual" },
                  "steps": [ { "id": "boom", "type": "fail", "message": "disk full" } ] }
                """);
        String runId = flows.start(failing, Map.of());
        assertThat(flows.awaitEnd(runId).get("status").asString()).isEqualTo("failed");
        String fine = flows.createAndPublish("""
                { "name": "Fine", "trigger": { "type": "manual" },
                  "steps": [ { "id": "ok", "type": "transform", "output": "ok" } ] }
                """);
        flows.awaitEnd(flows.start(fine, Map.of()));

        JsonNode failed = briefing(api, "").get("failedRuns");
        assertThat(values(failed, "id")).containsExactly(runId);
        assertThat(failed.get(0).get("workflow").asString()).isEqualTo("Nightly export");
        assertThat(failed.get(0).get("error").asString()).contains("disk full");
        assertThat(failed.get(0).get("link").asString()).isEqualTo("/runs/" + runId);
        assertThat(briefing(users.as(member), "").get("failedRuns"))
                .as("not Mario's workflow")
                .isEmpty();
        String tomorrow = LocalDate.now(ZoneId.of("UTC")).plusDays(1).toString();
        assertThat(briefing(api, "?timeZone=UTC&date=" + tomorrow).get("failedRuns"))
                .as("tomorrow's 'since yesterday' is today")
                .hasSize(1);
        String later = LocalDate.now(ZoneId.of("UTC")).plusDays(2).toString();
        assertThat(briefing(api, "?timeZone=UTC&date=" + later).get("failedRuns"))
                .isEmpty();
    }

    @Test
    void connectionsToReconnectAreThoseThePersonMayUse() {
        String mine = revokedConnection(api, "Olga's key");
        String shared = revokedConnection(users.as(member), "Team key");
        String marios = revokedConnection(users.as(member), "Mario's key");
        jdbc.sql("UPDATE connections SET visibility = 'private' WHERE id IN (:ids)")
                .param("ids", List.of(mine, marios))
                .update();
        jdbc.sql("UPDATE connections SET visibility = 'shared' WHERE id = :id")
                .param("id", shared)
                .update();

        JsonNode olgas = briefing(api, "").get("connections");
        assertThat(values(olgas, "id")).containsExactlyInAnyOrder(mine, shared);
        JsonNode first = olgas.get(0);
        assertThat(first.get("reason").asString()).isEqualTo("the key was revoked at the service");
        assertThat(first.get("link").asString())
                .isEqualTo("/connections#connection-" + first.get("id").asString());
        assertThat(values(briefing(users.as(member), "").get("connections"), "id"))
                .containsExactlyInAnyOrder(shared, marios);
        assertThat(briefing(users.as(users.signUp("stranger")), "").get("connections"))
                .as("another workspace")
                .isEmpty();
    }

    private String revokedConnection(TestHttp as, String name) {
        var created = as.post(
                "/api/v1/connections",
                Map.of(
                        "connector",
                        "testkey",
                        "name",
                        name,
                        "credentials",
                        Map.of("api_key", "good-key", "account", "a")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        var revoked = as.post("/api/v1/connections/" + id + "/actions/testkey.check_key", Map.of("mode", "revoke"));
        assertThat(revoked.status()).isEqualTo(424);
        return id;
    }

    @Test
    void badParametersAre400sNamingTheField() {
        assertProblem("?timeZone=Mars/Olympus", "timeZone");
        assertProblem("?date=2026-02-30", "date");
        assertProblem("?date=tomorrow", "date");
        assertProblem("?date=9999-01-01", "date");
        assertProblem("?summary=poem", "summary");
        var both = api.get("/api/v1/briefing?date=x&timeZone=y");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("errors")).hasSize(2);
        assertThat(briefing(api, "?timeZone=%2B02:00").get("timeZone").asString())
                .isEqualTo("+02:00");
        assertThat(http().get("/api/v1/briefing").status()).as("signed out").isEqualTo(401);
    }

    private void assertProblem(String query, String field) {
        var r = api.get("/api/v1/briefing" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(r.body()).doesNotContain("Exception");
    }
}
