package dev.atom.workspace.worktasks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.Connectors;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.SyncFeedRun;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import dev.atom.workspace.sync.SyncStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/tasks?source=...} with work items synced from GitHub and Jira (through their feeds, against
 * WireMock, into the store), and completing or re-dating them through {@code PATCH /api/v1/tasks/{id}}, written
 * through the connector.
 */
@StubMount(property = "ATOM_GITHUB_BASE_URL", path = "/api/v3")
class WorkTasksApiTest extends StubbedServiceTestBase {
    static final String GH = "/api/v3";
    static final String JIRA = "/jira";
    static final String GH_TOKEN = "ghp" + "_abcdefghijklmnopqrstuvwxyz0123456789";
    static final String JIRA_TOKEN = "ATATT3x" + "FfGF0abcdefghijklmnopqrstuvwxyz0123456789";

    @Autowired
    Connectors connectors;

    @Autowired
    List<SyncStore> stores;

    private TestUsers users;
    private TestUsers.User ann;
    private String github;
    private String jira;

    private static void json(com.github.tomakehurst.wiremock.client.MappingBuilder m, int status, String body) {
        STUB.stubFor(m.willReturn(aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body)));
    }

    private SyncStore store() {
        return stores.stream()
                .filter(s -> s.itemType() == SyncedWorkItem.class)
                .findFirst()
                .orElseThrow();
    }

    static String ghIssue(int n, String title) {
        return "{\"id\":" + (500 + n) + ",\"number\":" + n + ",\"title\":\"" + title + "\",\"state\":\"open\","
                + "\"html_url\":\"https://github.com/acme/app/issues/" + n + "\","
                + "\"repository_url\":\"https://api.github.com/repos/acme/app\",\"body\":null,"
                + "\"updated_at\":\"2026-12-01T10:00:00Z\",\"labels\":[],\"milestone\":null}";
    }

    @BeforeEach
    void connectAndSync() {
        json(get(urlPathEqualTo(GH + "/user")), 200, "{\"login\":\"ann\",\"id\":1}");
        json(get(urlPathEqualTo(JIRA + "/rest/api/3/myself")), 200, "{\"accountId\":\"a\",\"timeZone\":\"UTC\"}");
        users = new TestUsers(this::http);
        ann = users.signUp("ann-tasks");
        github = connect(
                ann, Map.of("connector", "github", "name", "Acme GitHub", "credentials", Map.of("token", GH_TOKEN)));
        jira = connect(
                ann,
                Map.of(
                        "connector",
                        "jira",
                        "name",
                        "Acme Jira",
                        "auth",
                        "api_key",
                        "credentials",
                        Map.of("site", "http://localhost:" + STUB.port() + JIRA, "token", JIRA_TOKEN)));
        json(
                get(urlPathEqualTo(GH + "/search/issues")),
                200,
                "{\"total_count\":2,\"incomplete_results\":false,\"items\":[" + ghIssue(7, "Crash on start") + ","
                        + ghIssue(8, "Slow login") + "]}");
        json(
                post(urlPathEqualTo(JIRA + "/rest/api/3/search/jql")),
                200,
                "{\"isLast\":true,\"issues\":[{\"id\":\"1\",\"key\":\"ABC-1\",\"fields\":{\"summary\":\"Budget review\","
                        + "\"status\":{\"name\":\"To Do\",\"statusCategory\":{\"key\":\"new\"}},"
                        + "\"project\":{\"key\":\"ABC\",\"name\":\"Apollo\"},\"duedate\":\"2026-12-10\","
                        + "\"updated\":\"2026-12-01T10:00:00.000+0000\"}}]}");
        SyncFeedRun.run(connectors, ann.workspaceId(), github, "github.issues", null, 50, store());
        SyncFeedRun.run(connectors, ann.workspaceId(), jira, "jira.issues", null, 50, store());
    }

    private String connect(TestUsers.User user, Map<String, Object> body) {
        var c = users.as(user).post("/api/v1/connections", body);
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        return c.json().get("id").asString();
    }

    @AfterEach
    void everyRequestIsOneTheServicesAccept() {
        OpenApiContract.of("github-issues.json").assertRequestsValid(STUB, GH, "/jira/.*");
        OpenApiContract.subset(
                        "jira.json",
                        Map.of(),
                        "/rest/api/3/myself",
                        "/rest/api/3/issue/{issueIdOrKey}",
                        "/rest/api/3/issue/{issueIdOrKey}/transitions")
                .assertRequestsValid(STUB, JIRA, "/api/v3/.*", "/rest/api/3/search/jql");
    }

    private List<JsonNode> items(TestHttp.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("items").forEach(out::add);
        return out;
    }

    private JsonNode item(String source, String title) {
        return items(users.as(ann).get("/api/v1/tasks?source=" + source)).stream()
                .filter(i -> i.get("title").asString().equals(title))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void allSourcesListsAtomsTasksThenTheCallersWorkItemsWithTheirSourceAndLink() {
        var own = users.as(ann).post("/api/v1/tasks", Map.of("title", "Write the report"));
        assertThat(own.status()).isEqualTo(201);
        String plain = users.as(ann).get("/api/v1/tasks").body();

        assertThat(users.as(ann).get("/api/v1/tasks?source=atom").body()).isEqualTo(plain);
        assertThat(items(users.as(ann).get("/api/v1/tasks"))).hasSize(1);
        assertThat(items(users.as(ann).get("/api/v1/tasks")).getFirst().has("source"))
                .isFalse();

        List<JsonNode> all = items(users.as(ann).get("/api/v1/tasks?source=all"));
        assertThat(all.stream().map(i -> i.get("title").asString()))
                .containsExactly("Write the report", "Budget review", "Crash on start", "Slow login");
        JsonNode budget = all.get(1);
        assertThat(budget.at("/source/connector").asString()).isEqualTo("jira");
        assertThat(budget.at("/source/connection").asString()).isEqualTo(jira);
        assertThat(budget.at("/source/connectionName").asString()).isEqualTo("Acme Jira");
        assertThat(budget.get("link").asString()).endsWith("/jira/browse/ABC-1");
        assertThat(budget.get("dueAt").asString()).isEqualTo("2026-12-10");
        assertThat(budget.get("status").asString()).isEqualTo("todo");
        assertThat(budget.get("project").asString()).isEqualTo("Apollo");

        assertThat(items(users.as(ann).get("/api/v1/tasks?source=github")).stream()
                        .map(i -> i.get("title").asString()))
                .containsExactly("Crash on start", "Slow login");
        assertThat(items(users.as(ann).get("/api/v1/tasks?source=all&q=login")).stream()
                        .map(i -> i.get("title").asString()))
                .containsExactly("Slow login");
        assertThat(items(users.as(ann).get("/api/v1/tasks?source=all&tag=x"))).isEmpty();

        var bad = users.as(ann).get("/api/v1/tasks?source=outlook");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/errors/0/field").asString()).isEqualTo("source");
    }

    @Test
    void theMixedListPagesAcrossAtomsTasksAndWorkItems() {
        users.as(ann).post("/api/v1/tasks", Map.of("title", "Write the report"));
        List<String> titles = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10; page++) {
            var r = users.as(ann).get("/api/v1/tasks?source=all&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            items(r).forEach(i -> titles.add(i.get("title").asString()));
            cursor = r.json().get("nextCursor").isNull()
                    ? null
                    : r.json().get("nextCursor").asString();
            if (cursor == null) {
                break;
            }
        }
        assertThat(titles).containsExactly("Write the report", "Budget review", "Crash on start", "Slow login");
        assertThat(users.as(ann).get("/api/v1/tasks?source=all&cursor=w:x").status())
                .isEqualTo(400);
    }

    @Test
    void completingAGitHubIssueClosesItThereAndHereAtOnce() {
        String id = item("github", "Crash on start").get("id").asString();
        json(
                patch(urlPathEqualTo(GH + "/repos/acme/app/issues/7")),
                200,
                ghIssue(7, "Crash on start").replace("\"open\"", "\"closed\""));

        var r = users.as(ann).patch("/api/v1/tasks/" + id, Map.of("status", "done"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("done");
        STUB.verify(patchRequestedFor(urlPathEqualTo(GH + "/repos/acme/app/issues/7"))
                .withRequestBody(equalToJson("{\"state\":\"closed\",\"state_reason\":\"completed\"}")));
        assertThat(users.as(ann).get("/api/v1/tasks/" + id).json().get("status").asString())
                .isEqualTo("done");
        var call = users.as(ann)
                .get("/api/v1/connections/" + github + "/calls")
                .json()
                .get("items")
                .get(0);
        assertThat(call.get("action").asString()).isEqualTo("github.close_issue");
        assertThat(call.get("user").asString())
                .as("the member who completed it")
                .isEqualTo(ann.id());
        assertThat(call.get("outcome").asString()).isEqualTo("succeeded");

        var redate = users.as(ann).patch("/api/v1/tasks/" + id, Map.of("dueAt", "2026-12-31"));
        assertThat(redate.status()).isEqualTo(422);
        assertThat(redate.json().at("/errors/0/field").asString()).isEqualTo("dueAt");
        var title = users.as(ann).patch("/api/v1/tasks/" + id, Map.of("title", "New"));
        assertThat(title.status()).isEqualTo(400);
        assertThat(title.json().at("/errors/0/field").asString()).isEqualTo("title");
        assertThat(users.as(ann).delete("/api/v1/tasks/" + id).status()).isEqualTo(409);
    }

    @Test
    void reDatingAJiraIssueSetsItsDueDateThere() {
        String id = item("jira", "Budget review").get("id").asString();
        STUB.stubFor(put(urlPathEqualTo(JIRA + "/rest/api/3/issue/ABC-1"))
                .willReturn(aResponse().withStatus(204)));

        var r = users.as(ann).patch("/api/v1/tasks/" + id, Map.of("dueAt", "2026-12-24T17:00:00+01:00"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("dueAt").asString()).isEqualTo("2026-12-24");
        STUB.verify(putRequestedFor(urlPathEqualTo(JIRA + "/rest/api/3/issue/ABC-1"))
                .withRequestBody(equalToJson("{\"fields\":{\"duedate\":\"2026-12-24\"}}")));
        assertThat(item("jira", "Budget review").get("dueAt").asString()).isEqualTo("2026-12-24");
    }

    @Test
    void theServicesRefusalsAreProblemsThePersonCanActOn() {
        String id = item("jira", "Budget review").get("id").asString();
        json(put(urlPathEqualTo(JIRA + "/rest/api/3/issue/ABC-1")), 401, "{\"errorMessages\":[\"Unauthorized\"]}");
        var revoked = users.as(ann).patch("/api/v1/tasks/" + id, Map.of("dueAt", "2026-12-24"));
        assertThat(revoked.status()).isEqualTo(409);
        assertThat(revoked.json().get("type").asString()).endsWith("needs-reconnect");
        assertThat(revoked.header("Content-Type")).startsWith("application/problem+json");

        String gh = item("github", "Slow login").get("id").asString();
        json(patch(urlPathEqualTo(GH + "/repos/acme/app/issues/8")), 403, "{\"message\":\"Must have push access\"}");
        var denied = users.as(ann).patch("/api/v1/tasks/" + gh, Map.of("status", "done"));
        assertThat(denied.status()).as(denied.toString()).isEqualTo(403);
        assertThat(denied.json().get("type").asString()).endsWith("not-allowed");
        assertThat(item("github", "Slow login").get("status").asString()).isEqualTo("todo");

        json(patch(urlPathEqualTo(GH + "/repos/acme/app/issues/8")), 404, "{\"message\":\"Not Found\"}");
        var gone = users.as(ann).patch("/api/v1/tasks/" + gh, Map.of("status", "done"));
        assertThat(gone.status()).as(gone.toString()).isEqualTo(404);
        assertThat(gone.json().get("type").asString()).endsWith("not-found");
        assertThat(gone.json().get("detail").asString()).contains("GitHub no longer has \"Slow login\"");
    }

    @Test
    void anotherMemberNeitherSeesNorChangesThem() {
        String id = item("github", "Crash on start").get("id").asString();
        TestUsers.User bob = users.invite("bob-tasks", ann, "member");
        assertThat(items(users.as(bob).get("/api/v1/tasks?source=all"))).isEmpty();
        assertThat(users.as(bob).get("/api/v1/tasks/" + id).status()).isEqualTo(404);
        assertThat(users.as(bob)
                        .patch("/api/v1/tasks/" + id, Map.of("status", "done"))
                        .status())
                .isEqualTo(404);
        TestUsers.User eve = users.signUp("eve-tasks");
        assertThat(users.as(eve)
                        .patch("/api/v1/tasks/" + id, Map.of("status", "done"))
                        .status())
                .isEqualTo(404);
        STUB.verify(0, patchRequestedFor(urlPathEqualTo(GH + "/repos/acme/app/issues/7")));
    }
}
