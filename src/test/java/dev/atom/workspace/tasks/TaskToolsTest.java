package dev.atom.workspace.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import dev.atom.testing.ToolBox;
import dev.atom.tools.Tool;
import dev.atom.tools.ToolResult;
import dev.atom.tools.ToolSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The task tools and {@code search} through the tool SPI in the running app: every write runs as the caller, is
 * the caller's own ({@code OWN_WRITE}) and its undo puts things back; bad input names the field; another
 * workspace sees nothing.
 */
class TaskToolsTest extends AppTestBase {
    @Autowired
    List<Tool> beans;

    @Autowired
    List<ToolSource> sources;

    ToolBox tools;
    TestUsers users;
    TestUsers.User ann;

    @BeforeEach
    void setUp() {
        tools = new ToolBox(beans, sources);
        users = new TestUsers(this::http);
        ann = users.signUp("ann");
    }

    private List<String> titles() {
        JsonNode list = tools.done(ann, "tasks_list", "{\"status\": [\"todo\", \"doing\", \"done\"]}")
                .output()
                .get("tasks");
        return list.valueStream().map(t -> t.get("title").asString()).toList();
    }

    @Test
    void toolNamesAreUniqueAndFitEveryProvider() {
        Set<String> seen = new HashSet<>();
        for (Tool t : tools.available(ToolBox.context(ann))) {
            assertThat(t.name()).matches("[a-z0-9_]{1,64}");
            assertThat(seen.add(t.name())).as("duplicate %s", t.name()).isTrue();
            assertThat(t.description()).isNotBlank();
            assertThat(t.inputSchema().get("type").asString()).isEqualTo("object");
        }
        assertThat(seen)
                .contains(
                        "tasks_create",
                        "tasks_list",
                        "tasks_update",
                        "tasks_complete",
                        "tasks_delete",
                        "search",
                        "briefing",
                        "calendar_list",
                        "calendar_find_time",
                        "calendar_create_event",
                        "calendar_move_event",
                        "calendar_cancel_event",
                        "inbox_search",
                        "inbox_read",
                        "inbox_reply",
                        "inbox_archive",
                        "workflows_list",
                        "workflows_run",
                        "workflows_show_run");
    }

    @Test
    void createListUpdateCompleteDeleteAndUndoEach() {
        String input = "{\"title\": \"Call Dana\", \"dueAt\": \"2026-03-03T15:00\", \"priority\": \"high\"}";
        assertThat(tools.effectOf(ann, "tasks_create", input)).isEqualTo(Tool.Effect.OWN_WRITE);
        ToolResult.Done created = tools.done(ann, "tasks_create", input);
        String id = created.output().get("id").asString();
        assertThat(created.output().get("dueAt").asString())
                .as("read in the caller's zone")
                .isEqualTo("2026-03-03T15:00:00+01:00");
        assertThat(created.summary()).contains("Call Dana").contains("Tue 3 Mar 15:00");
        assertThat(titles()).containsExactly("Call Dana");

        // update, then undo: title and due date come back
        ToolResult.Done updated = tools.done(
                ann, "tasks_update", "{\"id\": \"" + id + "\", \"title\": \"Call Dana back\", \"dueAt\": \"\"}");
        assertThat(updated.output().get("title").asString()).isEqualTo("Call Dana back");
        assertThat(updated.output().get("dueAt").isNull()).isTrue();
        ToolResult.Done restored = tools.undo(ann, updated);
        assertThat(restored.output().get("title").asString()).isEqualTo("Call Dana");
        assertThat(restored.output().get("dueAt").asString()).isEqualTo("2026-03-03T15:00:00+01:00");
        assertThat(restored.output().get("priority").asString()).isEqualTo("high");

        // complete, then undo: reopened
        ToolResult.Done completed = tools.done(ann, "tasks_complete", "{\"id\": \"" + id + "\"}");
        assertThat(completed.output().get("status").asString()).isEqualTo("done");
        assertThat(tools.undo(ann, completed).output().get("status").asString()).isEqualTo("todo");

        // delete, then undo: made again with its fields
        ToolResult.Done deleted = tools.done(ann, "tasks_delete", "{\"id\": \"" + id + "\"}");
        assertThat(tools.tool(ToolBox.context(ann), "tasks_delete").destructive())
                .isTrue();
        assertThat(titles()).isEmpty();
        ToolResult.Done again = tools.undo(ann, deleted);
        assertThat(again.output().get("title").asString()).isEqualTo("Call Dana");
        assertThat(again.output().get("dueAt").asString()).isEqualTo("2026-03-03T15:00:00+01:00");
        assertThat(again.output().get("priority").asString()).isEqualTo("high");

        // create, then undo: gone
        ToolResult.Done milk = tools.done(ann, "tasks_create", "{\"title\": \"Buy milk\"}");
        assertThat(titles()).containsExactlyInAnyOrder("Call Dana", "Buy milk");
        tools.undo(ann, milk);
        assertThat(titles()).containsExactly("Call Dana");
    }

    @Test
    void listFiltersByDueDateInTheCallersZone() {
        tools.done(ann, "tasks_create", "{\"title\": \"Today late\", \"dueAt\": \"2026-03-02T23:30\"}");
        tools.done(ann, "tasks_create", "{\"title\": \"Tomorrow\", \"dueAt\": \"2026-03-03T08:00\"}");
        JsonNode due =
                tools.done(ann, "tasks_list", "{\"dueBefore\": \"2026-03-02\"}").output();
        assertThat(due.get("tasks").valueStream().map(t -> t.get("title").asString()))
                .containsExactly("Today late");
    }

    @Test
    void badInputAndUnknownIdsAreFailuresNamingTheField() {
        tools.failed(ann, "tasks_create", "{\"title\": \"x\", \"priority\": \"someday\"}", "priority");
        tools.failed(ann, "tasks_create", "{\"title\": \"x\", \"dueAt\": \"next week\"}", "dueAt");
        tools.failed(ann, "tasks_list", "{\"dueBefore\": \"soon\"}", "dueBefore");
        var missing = tools.failed(ann, "tasks_complete", "{\"id\": \"01890000-0000-7000-8000-000000000000\"}", null);
        assertThat(missing.message()).isEqualTo("Task not found");
    }

    @Test
    void anotherWorkspaceNeitherSeesNorTouchesTheTasks() {
        String id = tools.done(ann, "tasks_create", "{\"title\": \"Ann's secret plan\"}")
                .output()
                .get("id")
                .asString();
        TestUsers.User stranger = users.signUp("stranger");
        assertThat(tools.done(stranger, "tasks_list", "{}").output().get("tasks"))
                .isEmpty();
        for (String tool : List.of("tasks_complete", "tasks_delete")) {
            tools.failed(stranger, tool, "{\"id\": \"" + id + "\"}", null);
        }
        tools.failed(stranger, "tasks_update", "{\"id\": \"" + id + "\", \"title\": \"mine\"}", null);
        assertThat(titles()).containsExactly("Ann's secret plan");
        assertThat(tools.done(stranger, "search", "{\"q\": \"secret plan\"}")
                        .output()
                        .get("hits"))
                .isEmpty();
    }

    @Test
    void searchFindsTheCallersTasks() throws InterruptedException {
        tools.done(ann, "tasks_create", "{\"title\": \"Renew the passport\"}");
        JsonNode hits = null;
        for (int i = 0; i < 600; i++) { // the index follows changes off the request thread, within moments
            hits = tools.done(ann, "search", "{\"q\": \"passport\", \"types\": [\"task\"]}")
                    .output()
                    .get("hits");
            if (!hits.isEmpty()) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).get("title").asString()).isEqualTo("Renew the passport");
        assertThat(hits.get(0).get("snippet").asString()).doesNotContain("<mark>");
        tools.failed(ann, "search", "{\"q\": \"x\", \"types\": [\"bogus\"]}", "types");
    }
}
