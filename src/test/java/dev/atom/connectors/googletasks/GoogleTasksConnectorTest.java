package dev.atom.connectors.googletasks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.testing.ApiDescription;
import dev.atom.testing.GoogleConnectorTestBase;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import dev.atom.testing.SyncFeedRun;
import dev.atom.workspace.sync.SyncStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The Google Tasks connector and its work-item feed against WireMock, checked against google-tasks.json. */
@StubMount(property = "ATOM_GOOGLE_TASKS_BASE_URL", path = GoogleTasksConnectorTest.MOUNT)
class GoogleTasksConnectorTest extends GoogleConnectorTestBase {
    static final String MOUNT = "/google-tasks";
    static final String LISTS = MOUNT + "/tasks/v1/users/@me/lists";
    static final String WORK = MOUNT + "/tasks/v1/lists/L1/tasks";

    @Autowired
    List<SyncStore> stores;

    @Override
    protected String connectorId() {
        return "google-tasks";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions(
                "google-tasks.list_task_lists",
                "google-tasks.create_task_list",
                "google-tasks.list_tasks",
                "google-tasks.get_task",
                "google-tasks.create_task",
                "google-tasks.update_task",
                "google-tasks.complete_task",
                "google-tasks.delete_task");
    }

    @Override
    protected ApiDescription apiDescription() {
        // Google's patch semantics clear a field sent as null ("Performance tips": Patch), which discovery
        // documents cannot say: due and completed, the two a task update clears, are made nullable
        return ApiDescription.openApi(OpenApiContract.strict("google-tasks.json", "patch-clears", spec -> {
            var task = (ObjectNode)
                    spec.path("components").path("schemas").path("Task").path("properties");
            ((ObjectNode) task.path("due")).put("nullable", true);
            ((ObjectNode) task.path("completed")).put("nullable", true);
        }));
    }

    static String task(String id, String title, String status, String due) {
        return "{\"kind\":\"tasks#task\",\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"status\":\"" + status
                + "\",\"updated\":\"2026-12-01T10:00:00.000Z\",\"notes\":\"n\""
                + (due == null ? "" : ",\"due\":\"" + due + "T00:00:00.000Z\"")
                + ",\"webViewLink\":\"https://tasks.google.com/task/" + id + "\"}";
    }

    private static void lists() {
        STUB.stubFor(get(urlPathEqualTo(LISTS))
                .willReturn(json("{\"items\":[{\"id\":\"L1\",\"title\":\"Work\",\"updated\":\"2026-12-01T09:00:00Z\"},"
                        + "{\"id\":\"L2\",\"title\":\"Home\"}]}")));
    }

    @Test
    void healthReadsTheFirstListAndA401NeedsReconnecting() {
        lists();
        var ok = test();
        assertThat(ok.json().get("status").asString()).isEqualTo("connected");
        STUB.verify(getRequestedFor(urlPathEqualTo(LISTS)).withQueryParam("maxResults", equalTo("1")));
        STUB.stubFor(get(urlPathEqualTo(LISTS)).willReturn(error(401, "authError", "Invalid Credentials")));
        assertThat(test().json().get("status").asString()).isEqualTo("needs_reconnect");
    }

    @Test
    void listsAndCreatesTaskLists() {
        lists();
        JsonNode out = output("google-tasks.list_task_lists", Map.of());
        assertThat(out.at("/lists/1/title").asString()).isEqualTo("Home");
        STUB.stubFor(post(urlPathEqualTo(LISTS)).willReturn(json("{\"id\":\"L3\",\"title\":\"Trip\"}")));
        assertThat(output("google-tasks.create_task_list", Map.of("title", "Trip"))
                        .get("id")
                        .asString())
                .isEqualTo("L3");
        STUB.verify(postRequestedFor(urlPathEqualTo(LISTS)).withRequestBody(equalToJson("{\"title\":\"Trip\"}")));
    }

    @Test
    void listsGetsCreatesAndUpdatesTasks() {
        STUB.stubFor(get(urlPathEqualTo(MOUNT + "/tasks/v1/lists/@default/tasks"))
                .willReturn(json("{\"items\":[" + task("t1", "Call Bo", "needsAction", "2026-12-24") + "]}")));
        JsonNode page = output("google-tasks.list_tasks", Map.of());
        assertThat(page.at("/tasks/0/due").asString()).isEqualTo("2026-12-24");
        STUB.verify(getRequestedFor(urlPathEqualTo(MOUNT + "/tasks/v1/lists/@default/tasks"))
                .withQueryParam("showCompleted", equalTo("false")));

        STUB.stubFor(get(urlPathEqualTo(WORK + "/t1")).willReturn(json(task("t1", "Call Bo", "needsAction", null))));
        assertThat(output("google-tasks.get_task", Map.of("taskListId", "L1", "taskId", "t1"))
                        .get("link")
                        .asString())
                .isEqualTo("https://tasks.google.com/task/t1");

        STUB.stubFor(post(urlPathEqualTo(WORK)).willReturn(json(task("t2", "Pack", "needsAction", "2026-12-20"))));
        output(
                "google-tasks.create_task",
                Map.of("taskListId", "L1", "title", "Pack", "due", "2026-12-20", "parentTaskId", "t1"));
        STUB.verify(postRequestedFor(urlPathEqualTo(WORK))
                .withQueryParam("parent", equalTo("t1"))
                .withRequestBody(equalToJson("{\"title\":\"Pack\",\"due\":\"2026-12-20T00:00:00.000Z\"}")));

        STUB.stubFor(
                patch(urlPathEqualTo(WORK + "/t2")).willReturn(json(task("t2", "Pack bags", "needsAction", null))));
        output(
                "google-tasks.update_task",
                Map.of("taskListId", "L1", "taskId", "t2", "title", "Pack bags", "clearDue", true, "completed", false));
        STUB.verify(patchRequestedFor(urlPathEqualTo(WORK + "/t2"))
                .withRequestBody(equalToJson(
                        "{\"title\":\"Pack bags\",\"due\":null,\"status\":\"needsAction\",\"completed\":null}")));
    }

    @Test
    void completesAndDeletesAndAMissingTaskNamesTheField() {
        STUB.stubFor(patch(urlPathEqualTo(WORK + "/t1")).willReturn(json(task("t1", "Call Bo", "completed", null))));
        assertThat(output("google-tasks.complete_task", Map.of("taskListId", "L1", "taskId", "t1"))
                        .get("status")
                        .asString())
                .isEqualTo("completed");
        STUB.verify(patchRequestedFor(urlPathEqualTo(WORK + "/t1"))
                .withRequestBody(equalToJson("{\"status\":\"completed\"}")));

        STUB.stubFor(delete(urlPathEqualTo(WORK + "/t1")).willReturn(aResponse().withStatus(204)));
        assertThat(output("google-tasks.delete_task", Map.of("taskListId", "L1", "taskId", "t1"))
                        .get("deleted")
                        .asBoolean())
                .isTrue();
        STUB.verify(deleteRequestedFor(urlPathEqualTo(WORK + "/t1")));

        STUB.stubFor(get(urlPathEqualTo(WORK + "/gone")).willReturn(error(404, "notFound", "Task not found.")));
        var missing = run("google-tasks.get_task", Map.of("taskListId", "L1", "taskId", "gone"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString()).isEqualTo("taskId: the task was not found");

        STUB.stubFor(get(urlPathEqualTo(WORK + "/busy"))
                .willReturn(error(403, "userRateLimitExceeded", "User Rate Limit Exceeded")));
        assertThat(run("google-tasks.get_task", Map.of("taskListId", "L1", "taskId", "busy"))
                        .status())
                .isEqualTo(503);
    }

    private SyncStore workItems() {
        return stores.stream()
                .filter(s -> s.itemType() == SyncedWorkItem.class)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theFeedFillsTheUnifiedTasksAndCompletingThereWritesThrough() {
        lists();
        STUB.stubFor(get(urlPathEqualTo(WORK))
                .willReturn(json("{\"items\":[" + task("t1", "Call Bo", "needsAction", "2026-12-24") + "]}")));
        STUB.stubFor(get(urlPathEqualTo(MOUNT + "/tasks/v1/lists/L2/tasks"))
                .willReturn(json("{\"items\":[" + task("t9", "Water plants", "needsAction", null) + "]}")));
        var full = SyncFeedRun.run(
                connectors, user.workspaceId(), connectionId, "google-tasks.tasks", null, 50, workItems());
        assertThat(full.changes()).hasSize(2);
        STUB.verify(getRequestedFor(urlPathEqualTo(WORK))
                .withQueryParam("showCompleted", equalTo("false"))
                .withQueryParam("updatedMin", absent()));

        var tasks = users.as(user).get("/api/v1/tasks?source=google-tasks");
        assertThat(tasks.status()).as(tasks.toString()).isEqualTo(200);
        JsonNode call = null;
        for (JsonNode i : tasks.json().get("items")) {
            if (i.get("title").asString().equals("Call Bo")) {
                call = i;
            }
        }
        assertThat(call).isNotNull();
        assertThat(call.get("dueAt").asString()).isEqualTo("2026-12-24");
        assertThat(call.get("project").asString()).isEqualTo("Work");

        STUB.stubFor(patch(urlPathEqualTo(WORK + "/t1")).willReturn(json(task("t1", "Call Bo", "completed", null))));
        var done = users.as(user).patch("/api/v1/tasks/" + call.get("id").asString(), Map.of("status", "done"));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().get("status").asString()).isEqualTo("done");
        STUB.verify(patchRequestedFor(urlPathEqualTo(WORK + "/t1"))
                .withRequestBody(equalToJson("{\"status\":\"completed\"}")));

        // an incremental poll asks for changes, deleted ones included, and removes those
        STUB.stubFor(get(urlPathEqualTo(WORK))
                .willReturn(json("{\"items\":[{\"id\":\"t1\",\"deleted\":true,\"title\":\"Call Bo\"}]}")));
        var next = SyncFeedRun.run(
                connectors, user.workspaceId(), connectionId, "google-tasks.tasks", full.cursor(), 50, workItems());
        assertThat(next.changes()).anySatisfy(c -> assertThat(c).isInstanceOf(SyncChange.Removed.class));
        STUB.verify(getRequestedFor(urlPathEqualTo(WORK))
                .withQueryParam("showDeleted", equalTo("true"))
                .withQueryParam("updatedMin", com.github.tomakehurst.wiremock.client.WireMock.matching(".+")));
    }
}
