package dev.atom.connectors.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.Webhooks;
import dev.atom.shared.Ids;
import dev.atom.testing.ApiDescription;
import dev.atom.testing.ConnectorContractTestBase;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The GitHub connector through the running app against WireMock mounted as GitHub Enterprise ({@code
 * /api/v3}), every request checked against GitHub's REST description. The shared subset lacks {@code POST
 * .../labels} and {@code GET /user/repos}; those requests are checked field by field here instead.
 */
@StubMount(property = "ATOM_GITHUB_BASE_URL", path = "/api/v3")
class GitHubConnectorTest extends ConnectorContractTestBase {
    // Assembled so no line looks like a real GitHub token to secret scanners; it is a fake.
    static final String TOKEN = "ghp" + "_abcdefghijklmnopqrstuvwxyz0123456789";
    static final String BASE = "/api/v3";
    static final String ISSUE = "{\"number\":7,\"title\":\"Crash on start\",\"state\":\"open\","
            + "\"html_url\":\"https://github.com/acme/app/issues/7\",\"body\":\"It crashes\","
            + "\"labels\":[{\"name\":\"bug\"}],\"user\":{\"login\":\"ann\"},\"created_at\":\"2026-01-02T03:04:05Z\"}";

    @Autowired
    Webhooks webhooks;

    @Autowired
    Clock clock;

    private TestUsers users;
    private TestUsers.User user;
    private String actions;
    private String connection;

    private static void json(com.github.tomakehurst.wiremock.client.MappingBuilder m, int status, String body) {
        STUB.stubFor(m.willReturn(aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body)));
    }

    @Override
    protected String connectorId() {
        return "github";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions(
                "github.list_issues",
                "github.create_issue",
                "github.comment_issue",
                "github.add_labels",
                "github.close_issue",
                "github.list_repos");
    }

    @Override
    protected ApiDescription apiDescription() {
        return ApiDescription.openApi(
                OpenApiContract.of("github-issues.json"), "/repos/[^/]+/[^/]+/issues/[0-9]+/labels", "/user/repos");
    }

    /** What the catalog tells the engine and the assistant: which actions write, how a retry is safe, how to connect. */
    @Test
    void catalogFacts() {
        assertThat(retryFacts())
                .isEqualTo(Map.of(
                        "github.list_issues", "reads natural",
                        "github.create_issue", "writes none",
                        "github.comment_issue", "writes none",
                        "github.add_labels", "writes natural",
                        "github.close_issue", "writes natural",
                        "github.list_repos", "reads natural"));
        assertThat(authKinds()).containsExactly("api_key", "oauth2");
        assertThat(triggerKinds()).containsExactly("github.issue_event webhook");
    }

    @BeforeEach
    void connect() {
        json(get(urlPathEqualTo(BASE + "/user")), 200, "{\"login\":\"octocat\",\"id\":1}");
        users = new TestUsers(this::http);
        user = users.signUp("gita");
        var c = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of("connector", "github", "name", "Acme", "credentials", Map.of("token", TOKEN)));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        assertThat(c.json().get("status").asString()).isEqualTo("connected");
        connection = c.json().get("id").asString();
        actions = "/api/v1/connections/" + connection + "/actions/";
    }

    private TestHttp.Response run(String action, Map<String, Object> input) {
        return users.as(user).post(actions + action, input);
    }

    @Test
    void healthIsGetUserWithGitHubsHeaders() {
        var tested = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(tested.json().get("status").asString()).isEqualTo("connected");
        assertThat(users.as(user)
                        .get("/api/v1/connections/" + connection)
                        .json()
                        .get("account")
                        .asString())
                .isEqualTo("octocat");
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/user"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));

        json(get(urlPathEqualTo(BASE + "/user")), 401, "{\"message\":\"Bad credentials\"}");
        var bad = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(bad.json().get("status").asString()).isEqualTo("needs_reconnect");
    }

    @Test
    void listsIssuesWithoutPullRequests() {
        json(
                get(urlPathEqualTo(BASE + "/repos/acme/app/issues")),
                200,
                "[" + ISSUE + ",{\"number\":8,\"title\":\"A PR\",\"state\":\"open\",\"html_url\":\"u\","
                        + "\"labels\":[],\"pull_request\":{\"url\":\"u\"}}]");
        var r = run(
                "github.list_issues",
                Map.of("owner", "acme", "repo", "app", "state", "all", "labels", List.of("bug", "p1"), "perPage", 50));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/issues")).hasSize(1);
        assertThat(r.json().at("/output/issues/0/number").asInt()).isEqualTo(7);
        assertThat(r.json().at("/output/issues/0/labels/0").asString()).isEqualTo("bug");
        assertThat(r.json().at("/output/issues/0/author").asString()).isEqualTo("ann");
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/repos/acme/app/issues"))
                .withQueryParam("state", equalTo("all"))
                .withQueryParam("labels", equalTo("bug,p1"))
                .withQueryParam("per_page", equalTo("50")));

        var badState = run("github.list_issues", Map.of("owner", "acme", "repo", "app", "state", "shut"));
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.json().at("/errors/0/field").asString()).isEqualTo("input.state");
    }

    @Test
    void createsAnIssue() {
        json(post(urlPathEqualTo(BASE + "/repos/acme/app/issues")), 201, ISSUE);
        var r = run(
                "github.create_issue",
                Map.of(
                        "owner",
                        "acme",
                        "repo",
                        "app",
                        "title",
                        "Crash on start",
                        "body",
                        "It crashes",
                        "labels",
                        List.of("bug")));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/url").asString()).isEqualTo("https://github.com/acme/app/issues/7");
        STUB.verify(postRequestedFor(urlPathEqualTo(BASE + "/repos/acme/app/issues"))
                .withRequestBody(
                        equalToJson("{\"title\":\"Crash on start\",\"body\":\"It crashes\",\"labels\":[\"bug\"]}")));
    }

    @Test
    void anUnknownRepositoryIsNotFoundAndNamesIt() {
        json(post(urlPathEqualTo(BASE + "/repos/acme/nope/issues")), 404, "{\"message\":\"Not Found\"}");
        var r = run("github.create_issue", Map.of("owner", "acme", "repo", "nope", "title", "x"));
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.json().get("detail").asString()).startsWith("repo:");
        assertThat(r.json().get("field").asString()).isEqualTo("input.repo");
        assertThat(r.json().get("type").asString()).endsWith("/service-not-found");
    }

    @Test
    void commentsOnAnIssue() {
        json(
                post(urlPathEqualTo(BASE + "/repos/acme/app/issues/7/comments")),
                201,
                "{\"id\":1001,\"html_url\":\"https://github.com/acme/app/issues/7#issuecomment-1001\"}");
        var r = run("github.comment_issue", Map.of("owner", "acme", "repo", "app", "issueNumber", 7, "body", "On it"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/id").asLong()).isEqualTo(1001);
        STUB.verify(postRequestedFor(urlPathEqualTo(BASE + "/repos/acme/app/issues/7/comments"))
                .withRequestBody(equalToJson("{\"body\":\"On it\"}")));
    }

    @Test
    void addsLabelsKeepingTheOthers() {
        // POST .../labels is GitHub's documented "Add labels to an issue"; the shared subset lacks it
        json(
                post(urlPathEqualTo(BASE + "/repos/acme/app/issues/7/labels")),
                200,
                "[{\"id\":1,\"name\":\"bug\"},{\"id\":2,\"name\":\"triage\"}]");
        var r = run(
                "github.add_labels",
                Map.of("owner", "acme", "repo", "app", "issueNumber", 7, "labels", List.of("triage")));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/labels").toString()).isEqualTo("[\"bug\",\"triage\"]");
        STUB.verify(postRequestedFor(urlPathEqualTo(BASE + "/repos/acme/app/issues/7/labels"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"labels\":[\"triage\"]}")));
    }

    @Test
    void closesAnIssueAsNotPlanned() {
        json(
                patch(urlPathEqualTo(BASE + "/repos/acme/app/issues/7")),
                200,
                ISSUE.replace("\"state\":\"open\"", "\"state\":\"closed\""));
        var r = run(
                "github.close_issue",
                Map.of("owner", "acme", "repo", "app", "issueNumber", 7, "reason", "not_planned"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/state").asString()).isEqualTo("closed");
        STUB.verify(patchRequestedFor(urlPathEqualTo(BASE + "/repos/acme/app/issues/7"))
                .withRequestBody(equalToJson("{\"state\":\"closed\",\"state_reason\":\"not_planned\"}")));
    }

    @Test
    void listsRepositories() {
        // GET /user/repos is GitHub's documented "List repositories for the authenticated user"; not in the subset
        json(
                get(urlPathEqualTo(BASE + "/user/repos")),
                200,
                "[{\"full_name\":\"acme/app\",\"name\":\"app\",\"owner\":{\"login\":\"acme\"},\"private\":true,"
                        + "\"description\":null,\"html_url\":\"https://github.com/acme/app\",\"open_issues_count\":3}]");
        var r = run("github.list_repos", Map.of("perPage", 10));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/repos/0/fullName").asString()).isEqualTo("acme/app");
        assertThat(r.json().at("/output/repos/0/isPrivate").asBoolean()).isTrue();
        assertThat(r.json().at("/output/repos/0/openIssues").asInt()).isEqualTo(3);
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/user/repos"))
                .withQueryParam("sort", equalTo("updated"))
                .withQueryParam("per_page", equalTo("10")));
    }

    @Test
    void aSpentRateLimitIsRetriableAtTheResetTime() {
        long reset = java.time.Instant.now().getEpochSecond() + 120;
        STUB.stubFor(get(urlPathEqualTo(BASE + "/repos/acme/app/issues"))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-reset", String.valueOf(reset))
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"API rate limit exceeded\"}")));
        var r = run("github.list_issues", Map.of("owner", "acme", "repo", "app"));
        assertThat(r.status()).as(r.toString()).isEqualTo(503);
        assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(60L, 121L);
    }

    @Test
    void aSecondaryRateLimitHonoursRetryAfter() {
        STUB.stubFor(post(urlPathEqualTo(BASE + "/repos/acme/app/issues/7/comments"))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Retry-After", "60")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"You have exceeded a secondary rate limit\"}")));
        var r = run("github.comment_issue", Map.of("owner", "acme", "repo", "app", "issueNumber", 7, "body", "x"));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("60");
    }

    @Test
    void aForbiddenRepositoryIsPermanent() {
        json(
                patch(urlPathEqualTo(BASE + "/repos/acme/app/issues/7")),
                403,
                "{\"message\":\"Resource not accessible by personal access token\"}");
        var r = run("github.close_issue", Map.of("owner", "acme", "repo", "app", "issueNumber", 7));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("detail").asString()).contains("Resource not accessible");
    }

    @Test
    void aRedeliveryIsRefusedAsAReplay() {
        byte[] body = GitHubIssueTriggerTest.labeled("bug");
        var headers = GitHubIssueTriggerTest.headers(
                GitHubIssueTriggerTest.signature("hook-secret", body), "d-" + Ids.newId(), "issues");
        String ws = Ids.newId();
        assertThat(webhooks.receive(ws, "github.issue_event", "wf-1", headers, body, "hook-secret"))
                .isNotNull();
        assertThatThrownBy(() -> webhooks.receive(ws, "github.issue_event", "wf-1", headers, body, "hook-secret"))
                .isInstanceOf(WebhookRefusal.class)
                .extracting(e -> ((WebhookRefusal) e).reason())
                .isEqualTo(WebhookRefusal.Reason.REPLAYED);
    }
}
