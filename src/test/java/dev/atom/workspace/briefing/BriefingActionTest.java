package dev.atom.workspace.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import dev.atom.workflows.WorkflowTestSupport;
import dev.atom.workspace.sync.SyncStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code atom.briefing} in real workflow runs: it answers the briefing of the workflow's owner (the engine passes
 * the run's owner to the action), as structured items plus text and Markdown to send, and names bad input.
 */
class BriefingActionTest extends AppTestBase {
    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<SyncStore> stores;

    private TestUsers users;
    private TestUsers.User owner;
    private TestUsers.User member;

    @BeforeEach
    void setUp() {
        users = new TestUsers(this::http);
        owner = users.signUp("petra");
        member = users.invite("quinn", owner, "member");
    }

    private static String flow(String input) {
        return """
                { "name": "Morning briefing", "trigger": { "type": "manual" },
                  "steps": [ { "id": "brief", "action": "atom.briefing", "input": %s },
                             { "id": "send", "type": "transform", "output": "{{ steps.brief.output.markdown }}" } ] }
                """.formatted(input);
    }

    private JsonNode run(TestHttp as, String input) {
        var flows = new WorkflowTestSupport(as);
        String id = flows.createAndPublish(flow(input));
        return flows.awaitEnd(flows.start(id, Map.of()));
    }

    private void task(TestHttp as, String title, String due) {
        var r = as.post("/api/v1/tasks", Map.of("title", title, "dueAt", due, "timeZone", "Europe/Berlin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    @Test
    void aRunGetsItsOwnersBriefingWithTextAndMarkdownToSend() {
        task(users.as(owner), "Send the invoice", "2030-01-14T16:00");
        task(users.as(owner), "Call the bank", "2030-01-15T11:30");
        task(users.as(member), "Quinn's errand", "2030-01-15T09:00");
        var data = new BriefingFixtures(jdbc, stores);
        String cal = data.connection(owner.workspaceId(), owner.id(), "google-calendar", "Petra's Google", "private");
        data.sync(
                owner.workspaceId(),
                cal,
                "google-calendar",
                "events",
                BriefingFixtures.event(
                        "e1", "Work", "Board call", "2030-01-15T08:00:00Z", "2030-01-15T09:00:00Z", true));
        String mail = data.connection(owner.workspaceId(), owner.id(), "gmail", "Petra's Gmail", "private");
        data.sync(
                owner.workspaceId(),
                mail,
                "gmail",
                "messages",
                BriefingFixtures.mail("g1", "ada@example.com", "Ada", "Invoice query", "2030-01-15T06:30:00Z", true));

        JsonNode run = run(users.as(owner), "{ \"date\": \"2030-01-15\", \"timeZone\": \"Europe/Berlin\" }");
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        JsonNode out = run.get("steps").get(0).get("output");
        assertThat(out.get("date").asString()).isEqualTo("2030-01-15");
        assertThat(out.get("summary").asString())
                .isEqualTo("1 meeting, first at 09:00; 1 task overdue; 1 task due today; 1 important unread message.");
        assertThat(out.get("counts").get("tasks").asInt()).isEqualTo(2);
        assertThat(out.get("counts").get("meetings").asInt()).isEqualTo(1);
        assertThat(out.get("briefing").get("tasks").get(0).get("title").asString())
                .isEqualTo("Send the invoice");
        String text = out.get("text").asString();
        assertThat(text)
                .startsWith("Briefing for Tuesday 15 January 2030\n\n1 meeting, first at 09:00;")
                .contains("Meetings (1)\n- 09:00–10:00 Board call\n  http://localhost:")
                .contains("/calendar?view=day&date=2030-01-15&event=")
                .contains("Tasks due (2)\n- Send the invoice — overdue since 14 Jan 16:00\n  http://localhost:")
                .contains("- Call the bank — due 15 Jan 11:30\n")
                .contains("Important unread (1)\n- Invoice query from Ada, 15 Jan 07:30\n  http://localhost:")
                .contains("/inbox?open=")
                .contains("Approvals waiting (0)\n  No approvals waiting for you\n")
                .doesNotContain("Quinn's errand");
        assertThat(out.get("markdown").asString())
                .startsWith("**Briefing for Tuesday 15 January 2030**\n")
                .contains("**Tasks due** (2)\n- [Send the invoice — overdue since 14 Jan 16:00](http://localhost:")
                .contains("/tasks#task-")
                .contains("**Meetings** (1)\n- [09:00–10:00 Board call](http://localhost:")
                .contains("**Approvals waiting** (0)\n_No approvals waiting for you_\n");
        // Slack shows Markdown links as typed: its own <url|text>, with its control characters escaped
        assertThat(out.get("slack").asString())
                .startsWith("*Briefing for Tuesday 15 January 2030*\n")
                .containsPattern("\\*Tasks due\\* \\(2\\)\n- <http://localhost:\\d+/tasks#task-[^|]+\\|Send the invoice"
                        + " — overdue since 14 Jan 16:00>\n")
                .contains("|Call the bank — due 15 Jan 11:30>")
                .contains("|Invoice query from Ada, 15 Jan 07:30>")
                .doesNotContain("](");
        assertThat(run.get("steps").get(1).get("output").asString())
                .isEqualTo(out.get("markdown").asString());

        JsonNode quinns = run(users.as(member), "{ \"date\": \"2030-01-15\", \"timeZone\": \"Europe/Berlin\" }");
        assertThat(quinns.get("status").asString()).as(quinns.toString()).isEqualTo("succeeded");
        JsonNode quinnOut = quinns.get("steps").get(0).get("output");
        assertThat(quinnOut.get("text").asString())
                .contains("Quinn's errand")
                .doesNotContain("Important unread") // Petra's mail is private: Quinn has no mail source at all
                .doesNotContain("Send the invoice")
                .doesNotContain("Board call")
                .doesNotContain("Invoice query");
    }

    @Test
    void badInputFailsTheStepNamingTheField() {
        JsonNode run = run(users.as(owner), "{ \"timeZone\": \"Nowhere/Land\" }");
        assertThat(run.get("status").asString()).isEqualTo("failed");
        assertThat(run.get("steps").get(0).get("error").asString()).startsWith("input.timeZone: must be");
    }

    @Test
    void theActionIsInTheCatalogAsAtomsOwnWithoutAConnection() {
        JsonNode catalog = users.as(owner).get("/api/v1/connectors").json();
        JsonNode atom = null;
        for (JsonNode c : catalog) {
            if (c.get("id").asString().equals("atom")) {
                atom = c;
            }
        }
        assertThat(atom).as(catalog.toString()).isNotNull();
        assertThat(atom.toString()).contains("atom.briefing");
    }
}
