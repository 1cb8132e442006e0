package dev.atom.connectors.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.atom.connectors.jira.JiraTestSupport.PREFIX;
import static dev.atom.connectors.jira.JiraTestSupport.SEARCH;
import static dev.atom.connectors.jira.JiraTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.TriggerEvent;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestUsers;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** The issue_updated poller: JQL from the cursor in the user's time zone, pages, de-duplication keys. */
class JiraIssueUpdatedTriggerTest extends StubbedServiceTestBase {
    @Autowired
    Connectors connectors;

    private TestUsers.User user;
    private String connection;

    @BeforeEach
    void connect() {
        json(
                get(urlPathEqualTo(PREFIX + "/rest/api/3/myself")),
                200,
                "{\"accountId\":\"5b10a\",\"displayName\":\"Jo\",\"timeZone\":\"Europe/Berlin\"}");
        var users = new TestUsers(this::http);
        user = users.signUp("jule");
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

    private PollingTrigger.Poll poll(String jql, String cursor) {
        PollingTrigger trigger = (PollingTrigger)
                connectors.connector("jira").orElseThrow().triggers().getFirst();
        var settings = JsonMapper.builder().build().createObjectNode();
        if (jql != null) {
            settings.put("jql", jql);
        }
        return trigger.poll(connectors.context(user.workspaceId(), connection), settings, cursor);
    }

    private static String issue(String key, String updated) {
        return "{\"id\":\"1\",\"key\":\"" + key + "\",\"fields\":{\"summary\":\"S\",\"status\":{\"name\":\"To Do\"},"
                + "\"updated\":\"" + updated + "\"}}";
    }

    @Test
    void theFirstPollOnlySetsTheCursor() {
        var first = poll(null, null);
        assertThat(first.events()).isEmpty();
        assertThat(Instant.parse(first.cursor())).isNotNull();
        STUB.verify(0, postRequestedFor(urlPathEqualTo(PREFIX + SEARCH)));
    }

    @Test
    void asksFromTheCursorsMinuteInTheUsersZoneFollowsPagesAndKeysByIssueAndUpdated() {
        json(
                post(urlPathEqualTo(PREFIX + SEARCH))
                        .withRequestBody(matchingJsonPath("$.nextPageToken", absentValue())),
                200,
                "{\"issues\":[" + issue("ABC-1", "2026-11-20T10:59:10.000+0100") + ","
                        + issue("ABC-2", "2026-11-20T11:00:00.000+0100")
                        + "],\"nextPageToken\":\"p2\",\"isLast\":false}");
        json(
                post(urlPathEqualTo(PREFIX + SEARCH))
                        .withRequestBody(matchingJsonPath("$.nextPageToken", equalToJsonValue("p2"))),
                200,
                "{\"issues\":[" + issue("ABC-1", "2026-11-20T10:05:00.000+0000") + "],\"isLast\":true}");

        var poll = poll("project = ABC", "2026-11-20T09:59:30Z");

        STUB.verify(postRequestedFor(urlPathEqualTo(PREFIX + SEARCH))
                .withRequestBody(equalToJson(
                        "{\"jql\":\"(project = ABC) AND updated >= \\\"2026-11-20 10:59\\\""
                                + " ORDER BY updated ASC\",\"maxResults\":100}",
                        true,
                        true)));
        assertThat(poll.events())
                .as("ABC-1 at 09:59:10Z is older than the cursor: seen before")
                .extracting(TriggerEvent::dedupKey)
                .containsExactly("ABC-2@2026-11-20T10:00:00Z", "ABC-1@2026-11-20T10:05:00Z");
        assertThat(poll.events().getFirst().payload().get("url").asString())
                .isEqualTo(JiraTestSupport.site() + "/browse/ABC-2");
        assertThat(poll.cursor()).isEqualTo("2026-11-20T10:05:00Z");
    }

    @Test
    void aQuietPollKeepsTheCursorAndAFilterWithItsOwnOrderIsRefused() {
        json(post(urlPathEqualTo(PREFIX + SEARCH)), 200, "{\"issues\":[],\"isLast\":true}");
        var quiet = poll(null, "2026-11-20T09:59:30Z");
        assertThat(quiet.events()).isEmpty();
        assertThat(quiet.cursor()).isEqualTo("2026-11-20T09:59:30Z");
        STUB.verify(postRequestedFor(urlPathEqualTo(PREFIX + SEARCH))
                .withRequestBody(matchingJsonPath(
                        "$.jql",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                                "updated >= \"2026-11-20 10:59\" ORDER BY updated ASC"))));

        assertThatThrownBy(() -> poll("project = ABC order by created", "2026-11-20T09:59:30Z"))
                .isInstanceOf(ConnectorException.InvalidInput.class)
                .hasMessageContaining("ORDER BY");
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern absentValue() {
        return com.github.tomakehurst.wiremock.client.WireMock.absent();
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern equalToJsonValue(String v) {
        return com.github.tomakehurst.wiremock.client.WireMock.equalTo(v);
    }
}
