package dev.atom.connectors.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.Webhooks;
import dev.atom.shared.Ids;
import dev.atom.testing.ApiDescription;
import dev.atom.testing.ConnectorContractTestBase;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import dev.atom.testing.SyncFeedRun;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

/**
 * The GitLab connector through the running app against WireMock. GitLab publishes its REST description only
 * for API v3 (shared/api-specs/gitlab.json, from APIs-guru); v4, which GitLab serves today, kept the same paths
 * under {@code /api/v4} with the same parameters for what the connector calls (issues, notes, merge requests,
 * pipelines, user), so requests are checked against gitlab.json with {@code /v3} cut from its paths and its
 * {@code PRIVATE-TOKEN} scheme replaced by the {@code Authorization: Bearer} that v4 documents for personal
 * access and OAuth tokens. v4-only parameters ({@code scope}, {@code assignee_ids[]}, {@code updated_after})
 * are not in v3's description and are asserted here instead.
 */
@StubMount(property = "ATOM_GITLAB_BASE_URL", path = GitLabConnectorTest.BASE)
class GitLabConnectorTest extends ConnectorContractTestBase {
    static final String BASE = "/gitlab/api/v4";
    static final String TOKEN = "glpat-abcdefghijklmnopqrst";
    static final String ISSUE = "{\"id\":501,\"iid\":12,\"project_id\":7,\"title\":\"Fix login\","
            + "\"description\":\"It fails\",\"state\":\"opened\",\"labels\":[\"bug\"],"
            + "\"assignees\":[{\"username\":\"gwen\"}],\"author\":{\"username\":\"ann\"},\"due_date\":\"2026-12-24\","
            + "\"web_url\":\"https://gitlab.com/acme/app/-/issues/12\",\"updated_at\":\"2026-12-01T10:00:00.000Z\","
            + "\"references\":{\"full\":\"acme/app#12\"}}";
    static final String MR = "{\"id\":900,\"iid\":7,\"project_id\":7,\"title\":\"Add SSO\",\"state\":\"opened\","
            + "\"source_branch\":\"sso\",\"target_branch\":\"main\",\"draft\":true,\"author\":{\"username\":\"ann\"},"
            + "\"reviewers\":[{\"username\":\"gwen\"}],\"detailed_merge_status\":\"not_approved\","
            + "\"web_url\":\"https://gitlab.com/acme/app/-/merge_requests/7\"}";
    static final String PIPELINE = "{\"id\":4401,\"project_id\":7,\"status\":\"failed\",\"ref\":\"main\","
            + "\"sha\":\"a1b2c3\",\"source\":\"push\",\"web_url\":\"https://gitlab.com/acme/app/-/pipelines/4401\"}";

    @Autowired
    Webhooks webhooks;

    private TestUsers users;
    private TestUsers.User user;
    private String connection;
    private String actions;

    @Override
    protected String connectorId() {
        return "gitlab";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions(
                "gitlab.list_issues",
                "gitlab.get_issue",
                "gitlab.create_issue",
                "gitlab.update_issue",
                "gitlab.close_issue",
                "gitlab.comment_issue",
                "gitlab.list_merge_requests",
                "gitlab.get_merge_request",
                "gitlab.comment_merge_request",
                "gitlab.list_pipelines",
                "gitlab.get_pipeline",
                "gitlab.retry_pipeline");
    }

    @Override
    protected ApiDescription apiDescription() {
        return ApiDescription.openApi(OpenApiContract.adjusted("gitlab.json", "v4-bearer", GitLabConnectorTest::asV4));
    }

    /** gitlab.json's v3 paths as v4 serves them, with v4's bearer tokens. */
    static void asV4(ObjectNode spec) {
        ObjectNode paths = spec.putObject("paths-v4");
        spec.path("paths").properties().forEach(e -> paths.set(e.getKey().replaceFirst("^/v3", ""), e.getValue()));
        spec.set("paths", paths);
        spec.remove("paths-v4");
        ObjectNode schemes = ((ObjectNode) spec.path("components")).putObject("securitySchemes");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer");
        spec.putArray("security").addObject().putArray("bearer");
        // v4's own parameters (GitLab's v4 docs: "Issues API", "Pipelines API") that v3 did not have
        for (String path : List.of("/issues", "/projects/{id}/issues")) {
            query(spec, path, "scope", "string")
                    .putArray("enum")
                    .add("created_by_me")
                    .add("assigned_to_me")
                    .add("all");
            query(spec, path, "updated_after", "string").put("format", "date-time");
            query(spec, path, "search", "string");
        }
        query(spec, "/projects/{id}/pipelines", "status", "string");
        query(spec, "/projects/{id}/pipelines", "ref", "string");
        for (String[] op : List.of(
                new String[] {"/projects/{id}/issues", "post"},
                new String[] {"/projects/{id}/issues/{issue_id}", "put"})) {
            ObjectNode body = (ObjectNode) OpenApiContract.operation(spec, op[0], op[1])
                    .path("requestBody")
                    .path("content")
                    .path("application/x-www-form-urlencoded")
                    .path("schema")
                    .path("properties");
            body.putObject("assignee_ids[]").put("type", "integer");
            body.putObject("assignee_ids")
                    .put("type", "string")
                    .put("nullable", true)
                    .put("maxLength", 0);
        }
    }

    private static ObjectNode query(ObjectNode spec, String path, String name, String type) {
        ObjectNode p = ((tools.jackson.databind.node.ArrayNode)
                        OpenApiContract.operation(spec, path, "get").path("parameters"))
                .addObject();
        p.put("name", name).put("in", "query").put("required", false);
        return p.putObject("schema").put("type", type);
    }

    private static void json(MappingBuilder m, int status, String body) {
        STUB.stubFor(m.willReturn(aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body)));
    }

    @BeforeEach
    void connect() {
        json(get(urlPathEqualTo(BASE + "/user")), 200, "{\"id\":3,\"username\":\"gwen\"}");
        users = new TestUsers(this::http);
        user = users.signUp("gwen");
        var c = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of("connector", "gitlab", "name", "Acme", "credentials", Map.of("token", TOKEN)));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        assertThat(c.json().get("status").asString()).isEqualTo("connected");
        connection = c.json().get("id").asString();
        actions = "/api/v1/connections/" + connection + "/actions/";
    }

    private TestHttp.Response run(String action, Map<String, Object> input) {
        return users.as(user).post(actions + action, input);
    }

    @Test
    void healthIsTheUserWithABearerToken() {
        var tested = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(tested.json().get("status").asString()).isEqualTo("connected");
        assertThat(users.as(user)
                        .get("/api/v1/connections/" + connection)
                        .json()
                        .get("account")
                        .asString())
                .isEqualTo("gwen");
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/user"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));

        json(get(urlPathEqualTo(BASE + "/user")), 401, "{\"message\":\"401 Unauthorized\"}");
        var bad = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(bad.json().get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(bad.toString()).doesNotContain(TOKEN);
    }

    @Test
    void listsAndReadsIssues() {
        STUB.stubFor(get(urlPathEqualTo(BASE + "/projects/acme%2Fapp/issues"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-Next-Page", "2")
                        .withBody("[" + ISSUE + "]")));
        var list =
                run("gitlab.list_issues", Map.of("project", "acme/app", "labels", List.of("bug", "p1"), "perPage", 1));
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().at("/output/issues/0/title").asString()).isEqualTo("Fix login");
        assertThat(list.json().at("/output/issues/0/assignees/0").asString()).isEqualTo("gwen");
        assertThat(list.json().at("/output/nextPage").asInt()).isEqualTo(2);
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/projects/acme%2Fapp/issues"))
                .withQueryParam("state", equalTo("opened"))
                .withQueryParam("labels", equalTo("bug,p1"))
                .withQueryParam("per_page", equalTo("1")));

        json(get(urlPathEqualTo(BASE + "/issues")), 200, "[" + ISSUE + "]");
        var mine = run("gitlab.list_issues", Map.of());
        assertThat(mine.json().at("/output/issues/0/iid").asLong()).isEqualTo(12);
        STUB.verify(
                getRequestedFor(urlPathEqualTo(BASE + "/issues")).withQueryParam("scope", equalTo("assigned_to_me")));

        json(get(urlPathEqualTo(BASE + "/projects/7/issues/12")), 200, ISSUE);
        var one = run("gitlab.get_issue", Map.of("project", "7", "issueIid", 12));
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(one.json().at("/output/dueDate").asString()).isEqualTo("2026-12-24");
        assertThat(one.json().at("/output/webUrl").asString()).endsWith("/issues/12");
    }

    @Test
    void createsUpdatesClosesAndCommentsOnIssues() {
        json(post(urlPathEqualTo(BASE + "/projects/7/issues")), 201, ISSUE);
        var created = run(
                "gitlab.create_issue",
                Map.of(
                        "project",
                        "7",
                        "title",
                        "Fix login",
                        "labels",
                        List.of("bug"),
                        "assigneeIds",
                        List.of(3),
                        "dueDate",
                        "2026-12-24"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().at("/output/iid").asLong()).isEqualTo(12);
        STUB.verify(postRequestedFor(urlPathEqualTo(BASE + "/projects/7/issues"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("title=Fix+login&labels=bug&assignee_ids[]=3&due_date=2026-12-24")));

        json(put(urlPathEqualTo(BASE + "/projects/7/issues/12")), 200, ISSUE.replace("opened", "closed"));
        var updated = run(
                "gitlab.update_issue",
                Map.of("project", "7", "issueIid", 12, "title", "Fix SSO login", "assigneeIds", List.of()));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        STUB.verify(putRequestedFor(urlPathEqualTo(BASE + "/projects/7/issues/12"))
                .withRequestBody(equalTo("title=Fix+SSO+login&assignee_ids=")));

        var closed = run("gitlab.close_issue", Map.of("project", "7", "issueIid", 12));
        assertThat(closed.json().at("/output/state").asString()).isEqualTo("closed");
        STUB.verify(putRequestedFor(urlPathEqualTo(BASE + "/projects/7/issues/12"))
                .withRequestBody(equalTo("state_event=close")));

        json(
                post(urlPathEqualTo(BASE + "/projects/7/issues/12/notes")),
                201,
                "{\"id\":88,\"body\":\"On it\",\"author\":{\"username\":\"gwen\"},\"created_at\":\"2026-12-01T10:00:00Z\"}");
        var note = run("gitlab.comment_issue", Map.of("project", "7", "issueIid", 12, "body", "On it"));
        assertThat(note.status()).as(note.toString()).isEqualTo(200);
        assertThat(note.json().at("/output/id").asLong()).isEqualTo(88);
        STUB.verify(postRequestedFor(urlPathEqualTo(BASE + "/projects/7/issues/12/notes"))
                .withRequestBody(equalTo("body=On+it")));

        var nothing = run("gitlab.update_issue", Map.of("project", "7", "issueIid", 12));
        assertThat(nothing.status()).isEqualTo(400);
    }

    @Test
    void mergeRequestsAreListedReadAndCommentedOn() {
        json(get(urlPathEqualTo(BASE + "/projects/7/merge_requests")), 200, "[" + MR + "]");
        var list = run("gitlab.list_merge_requests", Map.of("project", "7", "state", "all"));
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().at("/output/mergeRequests/0/draft").asBoolean()).isTrue();
        assertThat(list.json().at("/output/mergeRequests/0/mergeStatus").asString())
                .isEqualTo("not_approved");
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/projects/7/merge_requests"))
                .withQueryParam("state", equalTo("all")));

        json(get(urlPathEqualTo(BASE + "/projects/7/merge_requests/7")), 200, MR);
        var one = run("gitlab.get_merge_request", Map.of("project", "7", "mergeRequestIid", 7));
        assertThat(one.json().at("/output/sourceBranch").asString()).isEqualTo("sso");
        assertThat(one.json().at("/output/reviewers/0").asString()).isEqualTo("gwen");

        json(post(urlPathEqualTo(BASE + "/projects/7/merge_requests/7/notes")), 201, "{\"id\":89,\"body\":\"LGTM\"}");
        var note = run("gitlab.comment_merge_request", Map.of("project", "7", "mergeRequestIid", 7, "body", "LGTM"));
        assertThat(note.status()).as(note.toString()).isEqualTo(200);
        assertThat(note.json().at("/output/body").asString()).isEqualTo("LGTM");

        json(get(urlPathEqualTo(BASE + "/projects/7/merge_requests/99")), 404, "{\"message\":\"404 Not found\"}");
        var missing = run("gitlab.get_merge_request", Map.of("project", "7", "mergeRequestIid", 99));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("field").asString()).isEqualTo("input.mergeRequestIid");
    }

    @Test
    void pipelinesAreListedReadAndRetried() {
        json(get(urlPathEqualTo(BASE + "/projects/7/pipelines")), 200, "[" + PIPELINE + "]");
        var list = run("gitlab.list_pipelines", Map.of("project", "7", "status", "failed", "ref", "main"));
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().at("/output/pipelines/0/status").asString()).isEqualTo("failed");
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/projects/7/pipelines"))
                .withQueryParam("status", equalTo("failed"))
                .withQueryParam("ref", equalTo("main")));

        json(get(urlPathEqualTo(BASE + "/projects/7/pipelines/4401")), 200, PIPELINE);
        var one = run("gitlab.get_pipeline", Map.of("project", "7", "pipelineId", 4401));
        assertThat(one.json().at("/output/sha").asString()).isEqualTo("a1b2c3");

        json(
                post(urlPathEqualTo(BASE + "/projects/7/pipelines/4401/retry")),
                201,
                PIPELINE.replace("failed", "pending"));
        var retried = run("gitlab.retry_pipeline", Map.of("project", "7", "pipelineId", 4401));
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().at("/output/status").asString()).isEqualTo("pending");
    }

    @Test
    void errorsNameTheFieldAndRateLimitsAreRetriable() {
        json(get(urlPathEqualTo(BASE + "/projects/404/issues/1")), 404, "{\"message\":\"404 Project Not Found\"}");
        var project = run("gitlab.get_issue", Map.of("project", "404", "issueIid", 1));
        assertThat(project.status()).isEqualTo(404);
        assertThat(project.json().get("detail").asString()).isEqualTo("project: the GitLab project was not found");

        json(get(urlPathEqualTo(BASE + "/projects/7/issues/999")), 404, "{\"message\":\"404 Not found\"}");
        var issue = run("gitlab.get_issue", Map.of("project", "7", "issueIid", 999));
        assertThat(issue.json().get("field").asString()).isEqualTo("input.issueIid");
        assertThat(issue.json().get("type").asString()).endsWith("/service-not-found");

        json(post(urlPathEqualTo(BASE + "/projects/8/issues")), 400, "{\"message\":{\"due_date\":[\"is invalid\"]}}");
        var bad = run("gitlab.create_issue", Map.of("project", "8", "title", "x", "dueDate", "2026-12-24"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.toString()).contains("dueDate");

        json(post(urlPathEqualTo(BASE + "/projects/9/issues")), 400, "{\"error\":\"title is missing\"}");
        var missing = run("gitlab.create_issue", Map.of("project", "9", "title", " "));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.toString()).contains("title");

        STUB.stubFor(get(urlPathEqualTo(BASE + "/projects/7/pipelines"))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "30")
                        .withBody("Retry later")));
        var limited = run("gitlab.list_pipelines", Map.of("project", "7"));
        assertThat(limited.status()).isEqualTo(503);
        assertThat(limited.header("Retry-After")).isEqualTo("30");
    }

    @Test
    void theIssuesAssignedToThePersonFeedTheTasks() {
        STUB.stubFor(get(urlPathEqualTo(BASE + "/issues"))
                .withQueryParam("page", equalTo("1"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-Next-Page", "2")
                        .withBody("[" + ISSUE + "]")));
        STUB.stubFor(get(urlPathEqualTo(BASE + "/issues"))
                .withQueryParam("page", equalTo("2"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-Next-Page", "")
                        .withBody("[" + ISSUE.replace("501", "502").replace("\"opened\"", "\"closed\"") + "]")));
        var r = SyncFeedRun.run(connectors, user.workspaceId(), connection, "gitlab.issues", null, 1);
        assertThat(r.pages()).isEqualTo(2);
        SyncedWorkItem first = (SyncedWorkItem) ((SyncChange.Upsert) r.changes().getFirst()).item();
        assertThat(first.externalId()).isEqualTo("501");
        assertThat(first.container()).isEqualTo("acme/app");
        assertThat(first.dueDate()).isEqualTo(LocalDate.of(2026, 12, 24));
        assertThat(first.assignedToMe()).isTrue();
        assertThat(first.refs()).containsEntry("iid", "12").containsEntry("projectId", "7");
        assertThat(((SyncedWorkItem) ((SyncChange.Upsert) r.changes().get(1)).item()).done())
                .isTrue();
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/issues"))
                .withQueryParam("scope", equalTo("assigned_to_me"))
                .withQueryParam("state", equalTo("opened")));

        SyncFeedRun.run(connectors, user.workspaceId(), connection, "gitlab.issues", r.cursor(), 50);
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/issues"))
                .withQueryParam("state", equalTo("all"))
                .withQueryParam("updated_after", containing("T")));
    }

    @Test
    void aWebhookWithTheRightTokenStartsOnceAndAWrongTokenIsRefused() {
        byte[] body = GitLabWebhookTriggerTest.issueEvent("close");
        var headers = GitLabWebhookTriggerTest.headers("hook-token", "Issue Hook", "uuid-" + Ids.newId());
        String ws = Ids.newId();
        var event = webhooks.receive(ws, "gitlab.event", "wf-1", headers, body, "hook-token");
        assertThat(event.payload().get("action").asString()).isEqualTo("close");
        assertThatThrownBy(() -> webhooks.receive(ws, "gitlab.event", "wf-1", headers, body, "hook-token"))
                .isInstanceOf(WebhookRefusal.class)
                .extracting(e -> ((WebhookRefusal) e).reason())
                .isEqualTo(WebhookRefusal.Reason.REPLAYED);
        var forged = GitLabWebhookTriggerTest.headers("guess", "Issue Hook", "uuid-" + Ids.newId());
        assertThatThrownBy(() -> webhooks.receive(ws, "gitlab.event", "wf-1", forged, body, "hook-token"))
                .isInstanceOf(WebhookRefusal.class)
                .extracting(e -> ((WebhookRefusal) e).reason())
                .isEqualTo(WebhookRefusal.Reason.BAD_SIGNATURE);
    }
}
