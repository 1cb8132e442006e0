package dev.atom.connectors.linear;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.Webhooks;
import dev.atom.shared.Ids;
import dev.atom.testing.ApiDescription;
import dev.atom.testing.ConnectorContractTestBase;
import dev.atom.testing.StubMount;
import dev.atom.testing.SyncFeedRun;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Linear connector through the running app against WireMock; every query document it sends is validated
 * against Linear's published schema (shared/api-specs/linear.graphql) by graphql-java.
 */
@StubMount(property = "ATOM_LINEAR_BASE_URL", path = LinearConnectorTest.BASE)
class LinearConnectorTest extends ConnectorContractTestBase {
    static final String BASE = "/linear";
    static final String KEY = "lin_api_abcdefghijklmnopqrstuvwxyz0123";
    static final String ISSUE = "{\"id\":\"9f1c\",\"identifier\":\"ENG-123\",\"title\":\"Fix login\","
            + "\"description\":\"It fails\",\"priority\":2,\"dueDate\":\"2026-12-24\","
            + "\"url\":\"https://linear.app/acme/issue/ENG-123\",\"updatedAt\":\"2026-12-01T10:00:00.000Z\","
            + "\"state\":{\"id\":\"s1\",\"name\":\"In Progress\",\"type\":\"started\"},"
            + "\"team\":{\"id\":\"t1\",\"key\":\"ENG\",\"name\":\"Engineering\"},\"assignee\":{\"id\":\"u1\",\"name\":\"Gwen\"}}";

    @Autowired
    Webhooks webhooks;

    @Autowired
    Clock clock;

    private TestUsers users;
    private TestUsers.User user;
    private String connection;

    @Override
    protected String connectorId() {
        return "linear";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions(
                "linear.list_issues",
                "linear.search_issues",
                "linear.get_issue",
                "linear.create_issue",
                "linear.update_issue",
                "linear.comment_issue",
                "linear.list_teams",
                "linear.list_states");
    }

    @Override
    protected ApiDescription apiDescription() {
        return ApiDescription.graphQl("linear.graphql");
    }

    /** Answers the operation whose document contains {@code field} with {@code data}. */
    static void answer(String field, String data) {
        STUB.stubFor(post(urlPathEqualTo(BASE + "/graphql"))
                .withRequestBody(matchingJsonPath("$.query", containing(field)))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":" + data + "}")));
    }

    static void fail(String field, int status, String error) {
        STUB.stubFor(post(urlPathEqualTo(BASE + "/graphql"))
                .withRequestBody(matchingJsonPath("$.query", containing(field)))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[" + error + "]}")));
    }

    @BeforeEach
    void connect() {
        answer("viewer { id", "{\"viewer\":{\"id\":\"u1\",\"name\":\"Gwen\",\"email\":\"gwen@acme.test\"}}");
        users = new TestUsers(this::http);
        user = users.signUp("gwen");
        var c = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of("connector", "linear", "name", "Acme", "credentials", Map.of("api_key", KEY)));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        connection = c.json().get("id").asString();
    }

    private TestHttp.Response run(String action, Map<String, Object> input) {
        return users.as(user).post("/api/v1/connections/" + connection + "/actions/" + action, input);
    }

    @Test
    void healthIsTheViewerWithTheKeyAsItIs() {
        var tested = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(tested.json().get("status").asString()).isEqualTo("connected");
        STUB.verify(postRequestedFor(urlPathEqualTo(BASE + "/graphql")).withHeader("Authorization", equalTo(KEY)));

        fail(
                "viewer { id",
                400,
                "{\"message\":\"Authentication required, not authenticated\","
                        + "\"extensions\":{\"code\":\"AUTHENTICATION_ERROR\"}}");
        var bad = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(bad.json().get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(bad.toString()).doesNotContain(KEY);
    }

    @Test
    void listsSearchesAndReadsIssues() {
        answer(
                "issues(filter",
                "{\"issues\":{\"nodes\":[" + ISSUE + "],\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"c2\"}}}");
        var list = run(
                "linear.list_issues",
                Map.of("teamId", "t1", "stateType", "started", "assignedToMe", true, "first", 10));
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().at("/output/issues/0/identifier").asString()).isEqualTo("ENG-123");
        assertThat(list.json().at("/output/issues/0/stateType").asString()).isEqualTo("started");
        assertThat(list.json().at("/output/endCursor").asString()).isEqualTo("c2");
        STUB.verify(postRequestedFor(urlPathEqualTo(BASE + "/graphql"))
                .withRequestBody(matchingJsonPath("$.variables.filter.team.id.eq", equalTo("t1")))
                .withRequestBody(matchingJsonPath("$.variables.filter.assignee.isMe.eq", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.variables.filter.state.type.eq", equalTo("started"))));

        answer("searchIssues", "{\"searchIssues\":{\"nodes\":[" + ISSUE + "],\"pageInfo\":{\"hasNextPage\":false}}}");
        var found = run("linear.search_issues", Map.of("term", "login"));
        assertThat(found.json().at("/output/issues/0/title").asString()).isEqualTo("Fix login");
        assertThat(found.json().at("/output/endCursor").isMissingNode()
                        || found.json().at("/output/endCursor").isNull())
                .isTrue();

        answer("issue(id", "{\"issue\":" + ISSUE + "}");
        var one = run("linear.get_issue", Map.of("issueId", "ENG-123"));
        assertThat(one.json().at("/output/assignee").asString()).isEqualTo("Gwen");
        STUB.verify(postRequestedFor(urlPathEqualTo(BASE + "/graphql"))
                .withRequestBody(matchingJsonPath("$.variables.id", equalTo("ENG-123"))));

        fail("issue(id", 200, "{\"message\":\"Entity not found: Issue\",\"extensions\":{\"code\":\"INVALID_INPUT\"}}");
        var missing = run("linear.get_issue", Map.of("issueId", "ENG-999"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("field").asString()).isEqualTo("input.issueId");
    }

    @Test
    void createsWithAnIdFromTheIdempotencyKeyUpdatesAndComments() {
        answer("issueCreate", "{\"issueCreate\":{\"success\":true,\"issue\":" + ISSUE + "}}");
        var created = run(
                "linear.create_issue",
                Map.of(
                        "teamId",
                        "t1",
                        "title",
                        "Fix login",
                        "priority",
                        2,
                        "dueDate",
                        "2026-12-24",
                        "labelIds",
                        List.of("l1")));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().at("/output/id").asString()).isEqualTo("9f1c");
        STUB.verify(postRequestedFor(urlPathEqualTo(BASE + "/graphql"))
                .withRequestBody(matchingJsonPath("$.variables.input.teamId", equalTo("t1")))
                .withRequestBody(matchingJsonPath("$.variables.input.dueDate", equalTo("2026-12-24")))
                .withRequestBody(matchingJsonPath("$.variables.input.id")));

        answer(
                "issueUpdate",
                "{\"issueUpdate\":{\"success\":true,\"issue\":" + ISSUE.replace("In Progress", "Done") + "}}");
        var moved = run("linear.update_issue", Map.of("issueId", "ENG-123", "stateId", "s9", "unassign", true));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().at("/output/state").asString()).isEqualTo("Done");
        STUB.verify(postRequestedFor(urlPathEqualTo(BASE + "/graphql"))
                .withRequestBody(matchingJsonPath("$.variables.input.stateId", equalTo("s9")))
                .withRequestBody(containing("\"assigneeId\":null")));

        answer(
                "commentCreate",
                "{\"commentCreate\":{\"success\":true,\"comment\":{\"id\":\"cm1\",\"body\":\"On it\","
                        + "\"url\":\"https://linear.app/acme/issue/ENG-123#comment-cm1\",\"user\":{\"name\":\"Gwen\"}}}}");
        var note = run("linear.comment_issue", Map.of("issueId", "ENG-123", "body", "On it"));
        assertThat(note.status()).as(note.toString()).isEqualTo(200);
        assertThat(note.json().at("/output/author").asString()).isEqualTo("Gwen");

        fail(
                "issueUpdate",
                400,
                "{\"message\":\"Argument Validation Error\",\"extensions\":{\"code\":\"INVALID_INPUT\","
                        + "\"userPresentableMessage\":\"stateId must be a UUID\"}}");
        var bad = run("linear.update_issue", Map.of("issueId", "ENG-123", "stateId", "nope"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.toString()).contains("stateId");
    }

    @Test
    void teamsAndStatesAndTheRateLimit() {
        answer("teams(first", "{\"teams\":{\"nodes\":[{\"id\":\"t1\",\"key\":\"ENG\",\"name\":\"Engineering\"}]}}");
        var teams = run("linear.list_teams", Map.of());
        assertThat(teams.status()).as(teams.toString()).isEqualTo(200);
        assertThat(teams.json().at("/output/teams/0/key").asString()).isEqualTo("ENG");

        answer(
                "workflowStates",
                "{\"workflowStates\":{\"nodes\":[{\"id\":\"s1\",\"name\":\"Todo\",\"type\":\"unstarted\","
                        + "\"position\":1,\"team\":{\"id\":\"t1\",\"key\":\"ENG\"}}]}}");
        var states = run("linear.list_states", Map.of("teamId", "t1"));
        assertThat(states.json().at("/output/states/0/type").asString()).isEqualTo("unstarted");

        STUB.stubFor(
                post(urlPathEqualTo(BASE + "/graphql"))
                        .withRequestBody(matchingJsonPath("$.query", containing("teams(first")))
                        .willReturn(
                                aResponse()
                                        .withStatus(429)
                                        .withHeader("Retry-After", "20")
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"errors\":[{\"message\":\"Rate limit exceeded\",\"extensions\":{\"code\":\"RATELIMITED\"}}]}")));
        var limited = run("linear.list_teams", Map.of());
        assertThat(limited.status()).isEqualTo(503);
        assertThat(limited.header("Retry-After")).isEqualTo("20");
    }

    @Test
    void theIssuesAssignedToThePersonFeedTheTasks() {
        answer(
                "assignedIssues",
                "{\"viewer\":{\"assignedIssues\":{\"nodes\":[" + ISSUE + "],\"pageInfo\":{\"hasNextPage\":false}}}}");
        var r = SyncFeedRun.run(connectors, user.workspaceId(), connection, "linear.issues", null, 50);
        SyncedWorkItem item = (SyncedWorkItem) ((SyncChange.Upsert) r.changes().getFirst()).item();
        assertThat(item.title()).isEqualTo("ENG-123 Fix login");
        assertThat(item.container()).isEqualTo("Engineering");
        assertThat(item.dueDate()).isEqualTo(LocalDate.of(2026, 12, 24));
        assertThat(item.done()).isFalse();
        assertThat(item.assignedToMe()).isTrue();
        STUB.verify(postRequestedFor(urlPathEqualTo(BASE + "/graphql"))
                .withRequestBody(matchingJsonPath("$.variables.filter.state.type.nin[0]", equalTo("completed"))));

        SyncFeedRun.run(connectors, user.workspaceId(), connection, "linear.issues", r.cursor(), 50);
        STUB.verify(postRequestedFor(urlPathEqualTo(BASE + "/graphql"))
                .withRequestBody(matchingJsonPath("$.variables.filter.updatedAt.gte")));
    }

    @Test
    void aSignedWebhookStartsOnceAndABadSignatureIsRefused() {
        String body = LinearWebhookTriggerTest.issueUpdate(clock.instant().toEpochMilli());
        var headers = LinearWebhookTriggerTest.headers(LinearWebhookTrigger.sign("whsec", body), "d-" + Ids.newId());
        String ws = Ids.newId();
        var event = webhooks.receive(ws, "linear.event", "wf-1", headers, body.getBytes(), "whsec");
        assertThat(event.payload().get("identifier").asString()).isEqualTo("ENG-123");
        assertThatThrownBy(() -> webhooks.receive(ws, "linear.event", "wf-1", headers, body.getBytes(), "whsec"))
                .isInstanceOf(WebhookRefusal.class)
                .extracting(e -> ((WebhookRefusal) e).reason())
                .isEqualTo(WebhookRefusal.Reason.REPLAYED);
        var forged = LinearWebhookTriggerTest.headers(LinearWebhookTrigger.sign("guess", body), "d-" + Ids.newId());
        assertThatThrownBy(() -> webhooks.receive(ws, "linear.event", "wf-1", forged, body.getBytes(), "whsec"))
                .isInstanceOf(WebhookRefusal.class)
                .extracting(e -> ((WebhookRefusal) e).reason())
                .isEqualTo(WebhookRefusal.Reason.BAD_SIGNATURE);
    }
}
