package dev.atom.connectors.microsofttodo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.atom.connectors.MicrosoftGraphContract;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.connectors.internal.TestOAuthConnections;
import dev.atom.testing.ApiDescription;
import dev.atom.testing.ConnectorContractTestBase;
import dev.atom.testing.StubMount;
import dev.atom.testing.SyncFeedRun;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import dev.atom.workspace.sync.SyncStore;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Microsoft To Do through the running app against WireMock standing in for Microsoft Graph, every request
 * checked against msgraph-teams-files-todo.json (Graph's own description, cut to Teams, files and To Do).
 */
@StubMount(property = "ATOM_MICROSOFT_TODO_BASE_URL", path = MicrosoftTodoConnectorTest.V1)
class MicrosoftTodoConnectorTest extends ConnectorContractTestBase {
    static final String V1 = "/mstodo/v1.0";
    static final String TOKEN = "EwB4A8l6BAAU.todo-access-token";
    static final String TASKS = V1 + "/me/todo/lists/L1/tasks";
    static final String TASK =
            "{\"id\":\"T1\",\"title\":\"Pay rent\",\"status\":\"notStarted\",\"importance\":\"high\","
                    + "\"dueDateTime\":{\"dateTime\":\"2026-12-31T00:00:00.0000000\",\"timeZone\":\"UTC\"},"
                    + "\"body\":{\"content\":\"<p>Before <b>noon</b></p>\",\"contentType\":\"html\"},"
                    + "\"lastModifiedDateTime\":\"2026-12-06T03:00:00Z\"}";

    @Autowired
    ApplicationContext context;

    @Autowired
    List<SyncStore> stores;

    private TestUsers users;
    private TestUsers.User user;
    private String connection;

    @Override
    protected String connectorId() {
        return "microsoft-todo";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions(
                "microsoft-todo.list_task_lists",
                "microsoft-todo.list_tasks",
                "microsoft-todo.get_task",
                "microsoft-todo.create_task",
                "microsoft-todo.update_task",
                "microsoft-todo.complete_task",
                "microsoft-todo.delete_task");
    }

    @Override
    protected ApiDescription apiDescription() {
        return ApiDescription.openApi(MicrosoftGraphContract.of("todo", "/me", "/me/todo/*"));
    }

    @BeforeEach
    void connect() {
        users = new TestUsers(this::http);
        user = users.signUp("tomasz");
        connection = new TestOAuthConnections(context).create(user.workspaceId(), user.id(), "microsoft-todo", TOKEN);
        STUB.stubFor(get(urlPathEqualTo(V1 + "/me/todo/lists"))
                .willReturn(json("{\"value\":[{\"id\":\"L1\",\"displayName\":\"Tasks\","
                        + "\"wellknownListName\":\"defaultList\",\"isShared\":false}]}")));
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }

    private TestHttp.Response run(String action, Map<String, ?> input) {
        return users.as(user).post("/api/v1/connections/" + connection + "/actions/" + action, input);
    }

    private JsonNode output(String action, Map<String, ?> input) {
        var r = run(action, input);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("output");
    }

    @Test
    void healthIsGetMeWithTheBearerToken() {
        STUB.stubFor(get(urlPathEqualTo(V1 + "/me"))
                .willReturn(json(
                        "{\"id\":\"u1\",\"mail\":\"tomasz@contoso.com\",\"userPrincipalName\":\"t@contoso.com\"}")));
        var tested = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(tested.json().get("status").asString()).as(tested.toString()).isEqualTo("connected");
        STUB.verify(
                getRequestedFor(urlPathEqualTo(V1 + "/me")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));

        STUB.stubFor(get(urlPathEqualTo(V1 + "/me"))
                .willReturn(error(401, "InvalidAuthenticationToken", "Access token has expired.")));
        var bad = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(bad.json().get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(bad.toString()).doesNotContain(TOKEN);
    }

    @Test
    void listsListsAndOpenTasks() {
        assertThat(output("microsoft-todo.list_task_lists", Map.of())
                        .at("/lists/0/wellknownListName")
                        .asString())
                .isEqualTo("defaultList");
        STUB.stubFor(get(urlPathEqualTo(TASKS)).willReturn(json("{\"value\":[" + TASK + "]}")));
        JsonNode tasks = output("microsoft-todo.list_tasks", Map.of("listId", "L1", "limit", 10));
        assertThat(tasks.at("/tasks/0/title").asString()).isEqualTo("Pay rent");
        assertThat(tasks.at("/tasks/0/due").asString()).isEqualTo("2026-12-31");
        assertThat(tasks.at("/tasks/0/notes").asString()).isEqualTo("Before noon");
        STUB.verify(getRequestedFor(urlPathEqualTo(TASKS))
                .withQueryParam("$filter", equalTo("status ne 'completed'"))
                .withQueryParam("$top", equalTo("10")));
    }

    @Test
    void getsCreatesUpdatesCompletesAndDeletes() {
        STUB.stubFor(get(urlPathEqualTo(TASKS + "/T1")).willReturn(json(TASK)));
        assertThat(output("microsoft-todo.get_task", Map.of("listId", "L1", "taskId", "T1"))
                        .get("importance")
                        .asString())
                .isEqualTo("high");

        STUB.stubFor(post(urlPathEqualTo(TASKS)).willReturn(json(TASK).withStatus(201)));
        output(
                "microsoft-todo.create_task",
                Map.of(
                        "listId",
                        "L1",
                        "title",
                        "Pay rent",
                        "notes",
                        "Before noon",
                        "due",
                        "2026-12-31",
                        "importance",
                        "high"));
        STUB.verify(postRequestedFor(urlPathEqualTo(TASKS))
                .withRequestBody(equalToJson("{\"title\":\"Pay rent\",\"body\":{\"content\":\"Before noon\","
                        + "\"contentType\":\"text\"},\"dueDateTime\":{\"dateTime\":\"2026-12-31T00:00:00\","
                        + "\"timeZone\":\"UTC\"},\"importance\":\"high\"}")));

        STUB.stubFor(patch(urlPathEqualTo(TASKS + "/T1")).willReturn(json(TASK.replace("notStarted", "completed"))));
        output(
                "microsoft-todo.update_task",
                Map.of("listId", "L1", "taskId", "T1", "title", "Pay the rent", "clearDue", true));
        STUB.verify(patchRequestedFor(urlPathEqualTo(TASKS + "/T1"))
                .withRequestBody(equalToJson("{\"title\":\"Pay the rent\",\"dueDateTime\":null}")));

        JsonNode done = output("microsoft-todo.complete_task", Map.of("listId", "L1", "taskId", "T1"));
        assertThat(done.get("done").asBoolean()).isTrue();
        STUB.verify(patchRequestedFor(urlPathEqualTo(TASKS + "/T1"))
                .withRequestBody(equalToJson("{\"status\":\"completed\"}")));

        STUB.stubFor(
                delete(urlPathEqualTo(TASKS + "/T1")).willReturn(aResponse().withStatus(204)));
        assertThat(output("microsoft-todo.delete_task", Map.of("listId", "L1", "taskId", "T1"))
                        .get("taskId")
                        .asString())
                .isEqualTo("T1");
        STUB.verify(deleteRequestedFor(urlPathEqualTo(TASKS + "/T1")));
    }

    @Test
    void errorsNameTheFieldAndThrottlingIsRetriable() {
        STUB.stubFor(get(urlPathEqualTo(TASKS + "/gone")).willReturn(error(404, "ErrorItemNotFound", "not found")));
        var missing = run("microsoft-todo.get_task", Map.of("listId", "L1", "taskId", "gone"));
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
        assertThat(missing.json().get("field").asString()).isEqualTo("input.taskId");
        assertThat(missing.json().get("detail").asString()).isEqualTo("taskId: the To Do task was not found");

        STUB.stubFor(post(urlPathEqualTo(TASKS)).willReturn(error(400, "invalidRequest", "Invalid request body")));
        var bad = run("microsoft-todo.create_task", Map.of("listId", "L1", "title", "x"));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.json().at("/errors/0/field").asString()).isEqualTo("input.listId");

        var noDate = run("microsoft-todo.update_task", Map.of("listId", "L1", "taskId", "T1", "due", "soon"));
        assertThat(noDate.status()).isEqualTo(400);
        assertThat(noDate.json().at("/errors/0/field").asString()).isEqualTo("input.due");

        STUB.stubFor(get(urlPathEqualTo(TASKS))
                .willReturn(error(429, "TooManyRequests", "Please retry").withHeader("Retry-After", "7")));
        var throttled = run("microsoft-todo.list_tasks", Map.of("listId", "L1"));
        assertThat(throttled.status()).isEqualTo(503);
        assertThat(throttled.header("Retry-After")).isEqualTo("7");
    }

    @Test
    void theTasksFeedKeepsTheListForCompletingAndTheTriggerReportsChanges() {
        STUB.stubFor(get(urlPathEqualTo(TASKS)).willReturn(json("{\"value\":[" + TASK + "]}")));
        var feed =
                connectors.connector("microsoft-todo").orElseThrow().syncFeeds().getFirst();
        var ctx = connectors.context(user.workspaceId(), connection);
        SyncPage first = feed.fetch(ctx, new SyncRequest(null, null, null, 50));
        var item = (SyncedWorkItem) ((SyncChange.Upsert) first.changes().getFirst()).item();
        assertThat(item.container()).isEqualTo("Tasks");
        assertThat(item.dueDate()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(item.refs()).containsEntry("listId", "L1");
        SyncPage next = feed.fetch(ctx, new SyncRequest(first.cursor(), null, null, 50));
        assertThat(next.restart()).isFalse();
        STUB.verify(getRequestedFor(urlPathEqualTo(TASKS))
                .withQueryParam(
                        "$filter",
                        com.github.tomakehurst.wiremock.client.WireMock.matching(
                                "lastModifiedDateTime ge \\d{4}-.*Z")));

        var trigger = (PollingTrigger)
                connectors.connector("microsoft-todo").orElseThrow().triggers().getFirst();
        JsonNode settings = JsonMapper.builder().build().valueToTree(Map.of("listId", "L1"));
        String link = "http://localhost:" + STUB.port() + TASKS + "/delta?$deltatoken=abc";
        STUB.stubFor(get(urlPathEqualTo(TASKS + "/delta"))
                .willReturn(json("{\"value\":[" + TASK + "],\"@odata.deltaLink\":\"" + link + "\"}")));
        var baseline = trigger.poll(ctx, settings, null);
        assertThat(baseline.events()).isEmpty();
        assertThat(baseline.cursor()).isEqualTo("delta:" + link);
        var changed = trigger.poll(ctx, settings, baseline.cursor());
        assertThat(changed.events()).singleElement().satisfies(e -> {
            assertThat(e.dedupKey()).isEqualTo("T1@2026-12-06T03:00:00Z");
            assertThat(e.payload().at("/task/title").asString()).isEqualTo("Pay rent");
        });
        STUB.verify(getRequestedFor(urlPathEqualTo(TASKS + "/delta")).withQueryParam("$deltatoken", equalTo("abc")));
    }

    @Test
    void theUnifiedTasksShowToDoTasksAndCompletingThereWritesThrough() {
        STUB.stubFor(get(urlPathEqualTo(TASKS)).willReturn(json("{\"value\":[" + TASK + "]}")));
        SyncStore workItems = stores.stream()
                .filter(s -> s.itemType() == SyncedWorkItem.class)
                .findFirst()
                .orElseThrow();
        var full = SyncFeedRun.run(
                connectors, user.workspaceId(), connection, "microsoft-todo.tasks", null, 50, workItems);
        assertThat(full.changes()).hasSize(1);
        var tasks = users.as(user).get("/api/v1/tasks?source=microsoft-todo");
        assertThat(tasks.status()).as(tasks.toString()).isEqualTo(200);
        JsonNode rent = tasks.json().at("/items/0");
        assertThat(rent.get("title").asString()).isEqualTo("Pay rent");
        assertThat(rent.get("dueAt").asString()).isEqualTo("2026-12-31");

        STUB.stubFor(patch(urlPathEqualTo(TASKS + "/T1")).willReturn(json(TASK.replace("notStarted", "completed"))));
        var done = users.as(user).patch("/api/v1/tasks/" + rent.get("id").asString(), Map.of("status", "done"));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().get("status").asString()).isEqualTo("done");
        STUB.verify(patchRequestedFor(urlPathEqualTo(TASKS + "/T1"))
                .withRequestBody(equalToJson("{\"status\":\"completed\"}")));
    }
}
