package dev.atom.connectors.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.SyncFeedRun;
import dev.atom.testing.TestUsers;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code github.issues}: the account's assigned issues through the search API, full pass and polls. */
@StubMount(property = "ATOM_GITHUB_BASE_URL", path = "/api/v3")
class GitHubIssuesFeedTest extends StubbedServiceTestBase {
    static final String BASE = GitHubConnectorTest.BASE;

    @Autowired
    Connectors connectors;

    private TestUsers.User user;
    private String connection;

    static String issue(int number, String state, String milestoneDue) {
        return "{\"id\":" + (1000 + number) + ",\"number\":" + number + ",\"title\":\"Issue " + number + "\","
                + "\"state\":\"" + state + "\",\"html_url\":\"https://github.com/acme/app/issues/" + number + "\","
                + "\"repository_url\":\"https://api.github.com/repos/acme/app\",\"body\":\"Body " + number + "\","
                + "\"updated_at\":\"2026-12-01T10:00:0" + number + "Z\",\"labels\":[],"
                + "\"milestone\":" + (milestoneDue == null ? "null" : "{\"due_on\":\"" + milestoneDue + "\"}") + "}";
    }

    static void search(String qContains, int page, int total, String... items) {
        STUB.stubFor(get(urlPathEqualTo(BASE + "/search/issues"))
                .withQueryParam("q", containing(qContains))
                .withQueryParam("page", equalTo(String.valueOf(page)))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"total_count\":" + total + ",\"incomplete_results\":false,\"items\":["
                                + String.join(",", items) + "]}")));
    }

    @BeforeEach
    void connect() {
        STUB.stubFor(get(urlPathEqualTo(BASE + "/user"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"login\":\"octocat\",\"id\":1}")));
        var users = new TestUsers(this::http);
        user = users.signUp("gwen");
        connection = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "github",
                                "name",
                                "Acme",
                                "credentials",
                                Map.of("token", GitHubConnectorTest.TOKEN)))
                .json()
                .get("id")
                .asString();
    }

    @AfterEach
    void everyRequestIsOneGitHubAccepts() {
        OpenApiContract.of("github-issues.json").assertRequestsValid(STUB, BASE);
    }

    private SyncFeedRun.Result run(String cursor, int pageSize) {
        return SyncFeedRun.run(connectors, user.workspaceId(), connection, "github.issues", cursor, pageSize);
    }

    @Test
    void aFullPassPagesThroughTheOpenIssuesAssignedToTheAccount() {
        search("is:open", 1, 3, issue(1, "open", "2026-12-24T08:00:00Z"), issue(2, "open", null));
        search("is:open", 2, 3, issue(3, "open", null));

        var r = run(null, 2);

        assertThat(r.pages()).isEqualTo(2);
        assertThat(r.changes()).hasSize(3).allMatch(SyncChange.Upsert.class::isInstance);
        SyncedWorkItem first = (SyncedWorkItem) ((SyncChange.Upsert) r.changes().getFirst()).item();
        assertThat(first.externalId()).isEqualTo("1001");
        assertThat(first.kind()).isEqualTo("issue");
        assertThat(first.title()).isEqualTo("Issue 1");
        assertThat(first.container()).isEqualTo("acme/app");
        assertThat(first.done()).isFalse();
        assertThat(first.dueDate()).isEqualTo(LocalDate.of(2026, 12, 24));
        assertThat(first.assignedToMe()).isTrue();
        assertThat(first.link()).isEqualTo("https://github.com/acme/app/issues/1");
        assertThat(first.refs())
                .containsEntry("owner", "acme")
                .containsEntry("repo", "app")
                .containsEntry("number", "1");
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/search/issues"))
                .withQueryParam("q", equalTo("is:issue is:open assignee:@me"))
                .withQueryParam("per_page", equalTo("2"))
                .withHeader("Authorization", equalTo("Bearer " + GitHubConnectorTest.TOKEN)));
        assertThat(r.cursor()).startsWith("v1|inc|");
    }

    @Test
    void aPollAsksForIssuesUpdatedSinceTheLastRunAndReportsClosedOnesAsDone() {
        search("is:open", 1, 0);
        String cursor = run(null, 50).cursor();
        search("updated:>=", 1, 1, issue(4, "closed", null));

        var r = run(cursor, 50);

        assertThat(r.changes()).hasSize(1);
        SyncedWorkItem closed =
                (SyncedWorkItem) ((SyncChange.Upsert) r.changes().getFirst()).item();
        assertThat(closed.done()).isTrue();
        assertThat(closed.status()).isEqualTo("closed");
        String q = STUB.findAll(getRequestedFor(urlPathEqualTo(BASE + "/search/issues")))
                .getLast()
                .queryParameter("q")
                .firstValue();
        assertThat(q).startsWith("is:issue assignee:@me updated:>=");
        Instant since = Instant.parse(q.substring(q.indexOf(">=") + 2));
        // the previous run's start, reaching back a little for clock skew
        assertThat(since).isBefore(Instant.now().minus(1, ChronoUnit.MINUTES));
        assertThat(since).isAfter(Instant.now().minus(10, ChronoUnit.MINUTES));
    }

    @Test
    void afterSixHoursAPollRestartsSoTheEngineSweepsDeletedAndReassignedIssues() {
        Instant old = Instant.now().minus(7, ChronoUnit.HOURS);
        var r = run("v1|inc|" + old + "|" + old + "|" + old + "|", 50);
        assertThat(r.restart()).isTrue();
        var unreadable = run("something else", 50);
        assertThat(unreadable.restart()).isTrue();
        assertThat(STUB.findAll(getRequestedFor(urlPathEqualTo(BASE + "/search/issues"))))
                .isEmpty();
    }

    @Test
    void aRevokedTokenNeedsReconnecting() {
        STUB.stubFor(get(urlPathEqualTo(BASE + "/search/issues"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Bad credentials\"}")));
        assertThatThrownBy(() -> run(null, 50)).isInstanceOf(ConnectorException.NeedsReconnect.class);
    }
}
