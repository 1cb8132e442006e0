package dev.atom.connectors.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.atom.connectors.jira.JiraTestSupport.PREFIX;
import static dev.atom.connectors.jira.JiraTestSupport.SEARCH;
import static dev.atom.connectors.jira.JiraTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.Connectors;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.SyncFeedRun;
import dev.atom.testing.TestUsers;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code jira.issues} and the actions that finish and re-date an issue whatever its workflow. */
class JiraIssuesFeedTest extends StubbedServiceTestBase {
    @Autowired
    Connectors connectors;

    private TestUsers users;
    private TestUsers.User user;
    private String connection;

    static String issue(String key, String category, String due) {
        return "{\"id\":\"1\",\"key\":\"" + key + "\",\"fields\":{\"summary\":\"Fix " + key + "\","
                + "\"status\":{\"name\":\"" + (category.equals("done") ? "Closed" : "In Review") + "\","
                + "\"statusCategory\":{\"key\":\"" + category
                + "\"}},\"project\":{\"key\":\"ABC\",\"name\":\"Apollo\"},"
                + "\"duedate\":" + (due == null ? "null" : "\"" + due + "\"") + ",\"description\":null,"
                + "\"updated\":\"2026-12-01T10:00:00.000+0100\"}}";
    }

    @BeforeEach
    void connect() {
        json(
                get(urlPathEqualTo(PREFIX + "/rest/api/3/myself")),
                200,
                "{\"accountId\":\"5b10a\",\"displayName\":\"Jo\",\"timeZone\":\"Europe/Berlin\"}");
        users = new TestUsers(this::http);
        user = users.signUp("jiro");
        connection = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "jira",
                                "name",
                                "Jira",
                                "auth",
                                "api_key",
                                "credentials",
                                Map.of("site", JiraTestSupport.site(), "token", JiraTestSupport.API_TOKEN)))
                .json()
                .get("id")
                .asString();
    }

    @AfterEach
    void everyRequestIsOneJiraAccepts() {
        JiraTestSupport.contract().assertRequestsValid(STUB, PREFIX, SEARCH.replace("/", "\\/"));
        JiraTestSupport.assertSearchRequestsDocumented();
    }

    @Test
    void aFullPassAsksForUnfinishedAssignedIssuesPageByPage() {
        json(
                post(urlPathEqualTo(PREFIX + SEARCH)).atPriority(5),
                200,
                "{\"issues\":[" + issue("ABC-1", "indeterminate", "2026-12-10") + "],\"nextPageToken\":\"p2\","
                        + "\"isLast\":false}");
        json(
                post(urlPathEqualTo(PREFIX + SEARCH))
                        .atPriority(1)
                        .withRequestBody(matchingJsonPath("$.nextPageToken", equalTo("p2"))),
                200,
                "{\"issues\":[" + issue("ABC-2", "new", null) + "],\"isLast\":true}");

        var r = SyncFeedRun.run(connectors, user.workspaceId(), connection, "jira.issues", null, 1);

        assertThat(r.pages()).isEqualTo(2);
        assertThat(r.changes()).hasSize(2);
        SyncedWorkItem first = (SyncedWorkItem) ((SyncChange.Upsert) r.changes().getFirst()).item();
        assertThat(first.externalId()).isEqualTo("ABC-1");
        assertThat(first.title()).isEqualTo("Fix ABC-1");
        assertThat(first.container()).isEqualTo("Apollo");
        assertThat(first.status()).isEqualTo("In Review");
        assertThat(first.done()).isFalse();
        assertThat(first.dueDate()).isEqualTo(LocalDate.of(2026, 12, 10));
        assertThat(first.link()).isEqualTo(JiraTestSupport.site() + "/browse/ABC-1");
        assertThat(first.refs()).containsEntry("key", "ABC-1");
        STUB.verify(postRequestedFor(urlPathEqualTo(PREFIX + SEARCH))
                .withRequestBody(matchingJsonPath(
                        "$.jql", equalTo("assignee = currentUser() AND statusCategory != Done ORDER BY updated ASC")))
                .withRequestBody(matchingJsonPath("$.maxResults", equalToJson("1"))));
    }

    @Test
    void aPollAsksForIssuesUpdatedSinceInTheAccountsZoneAndSeesFinishedOnes() {
        json(post(urlPathEqualTo(PREFIX + SEARCH)), 200, "{\"issues\":[],\"isLast\":true}");
        String cursor = SyncFeedRun.run(connectors, user.workspaceId(), connection, "jira.issues", null, 50)
                .cursor();
        json(
                post(urlPathEqualTo(PREFIX + SEARCH)),
                200,
                "{\"issues\":[" + issue("ABC-3", "done", null) + "],\"isLast\":true}");

        var r = SyncFeedRun.run(connectors, user.workspaceId(), connection, "jira.issues", cursor, 50);

        SyncedWorkItem done = (SyncedWorkItem) ((SyncChange.Upsert) r.changes().getFirst()).item();
        assertThat(done.done()).isTrue();
        String jql = JiraTestSupport.lastSearchJql();
        assertThat(jql)
                .matches(
                        "assignee = currentUser\\(\\) AND updated >= \"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\" ORDER BY updated ASC");
    }

    @Test
    void completingPicksTheTransitionIntoTheDoneCategory() {
        json(
                get(urlPathEqualTo(PREFIX + "/rest/api/3/issue/ABC-1")),
                200,
                "{\"key\":\"ABC-1\",\"fields\":{\"status\":{\"name\":\"In Review\",\"statusCategory\":{\"key\":\"indeterminate\"}}}}");
        json(
                get(urlPathEqualTo(PREFIX + "/rest/api/3/issue/ABC-1/transitions")),
                200,
                "{\"transitions\":[{\"id\":\"11\",\"name\":\"Back\",\"to\":{\"name\":\"To Do\",\"statusCategory\":{\"key\":\"new\"}}},"
                        + "{\"id\":\"31\",\"name\":\"Ship\",\"to\":{\"name\":\"Shipped\",\"statusCategory\":{\"key\":\"done\"}}}]}");
        STUB.stubFor(post(urlPathEqualTo(PREFIX + "/rest/api/3/issue/ABC-1/transitions"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(204)));

        var r = users.as(user)
                .post("/api/v1/connections/" + connection + "/actions/jira.complete_issue", Map.of("issue", "ABC-1"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/status").asString()).isEqualTo("Shipped");
        STUB.verify(postRequestedFor(urlPathEqualTo(PREFIX + "/rest/api/3/issue/ABC-1/transitions"))
                .withRequestBody(equalToJson("{\"transition\":{\"id\":\"31\"}}")));

        json(
                get(urlPathEqualTo(PREFIX + "/rest/api/3/issue/ABC-2")),
                200,
                "{\"key\":\"ABC-2\",\"fields\":{\"status\":{\"name\":\"Blocked\",\"statusCategory\":{\"key\":\"new\"}}}}");
        json(get(urlPathEqualTo(PREFIX + "/rest/api/3/issue/ABC-2/transitions")), 200, "{\"transitions\":[]}");
        var stuck = users.as(user)
                .post("/api/v1/connections/" + connection + "/actions/jira.complete_issue", Map.of("issue", "ABC-2"));
        assertThat(stuck.status()).as(stuck.toString()).isBetween(400, 499);
        assertThat(stuck.toString()).contains("no transition into a Done status");
    }

    @Test
    void reDatingPutsTheDueDate() {
        STUB.stubFor(put(urlPathEqualTo(PREFIX + "/rest/api/3/issue/ABC-1"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(204)));
        var r = users.as(user)
                .post(
                        "/api/v1/connections/" + connection + "/actions/jira.set_due_date",
                        Map.of("issue", "ABC-1", "dueDate", "2026-12-31"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        STUB.verify(putRequestedFor(urlPathEqualTo(PREFIX + "/rest/api/3/issue/ABC-1"))
                .withRequestBody(equalToJson("{\"fields\":{\"duedate\":\"2026-12-31\"}}")));
        var bad = users.as(user)
                .post(
                        "/api/v1/connections/" + connection + "/actions/jira.set_due_date",
                        Map.of("issue", "ABC-1", "dueDate", "soon"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/errors/0/field").asString()).isEqualTo("input.dueDate");
    }
}
