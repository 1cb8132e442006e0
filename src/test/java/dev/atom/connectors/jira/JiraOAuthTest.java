package dev.atom.connectors.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.atom.connectors.jira.JiraTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.internal.TestOAuthConnections;
import dev.atom.testing.StubMount;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Jira through OAuth 2.0 (3LO): the cloud id of the site the account granted comes from Atlassian's
 * accessible-resources (once, then cached), and calls go to the cloud gateway with the access token.
 */
@StubMount(property = "ATOM_JIRA_BASE_URL", path = "/atl")
class JiraOAuthTest extends StubbedServiceTestBase {
    static final String GATEWAY = "/atl";
    static final String CLOUD = GATEWAY + "/ex/jira/11223344-a1b2-3c4d-5e6f-77889900aabb";

    @Autowired
    ApplicationContext context;

    @AfterEach
    void everyRequestIsOneJiraAccepts() {
        // accessible-resources is Atlassian's identity API, not Jira's; its answer is read, not checked
        JiraTestSupport.contract().assertRequestsValid(STUB, CLOUD, "/atl/oauth/token/accessible-resources");
    }

    @Test
    void findsTheCloudIdThenCallsTheGatewayWithTheAccessToken() {
        json(
                get(urlPathEqualTo(GATEWAY + "/oauth/token/accessible-resources")),
                200,
                "[{\"id\":\"11223344-a1b2-3c4d-5e6f-77889900aabb\",\"url\":\"https://acme.atlassian.net\","
                        + "\"name\":\"acme\",\"scopes\":[\"read:jira-work\"]}]");
        json(
                get(urlPathEqualTo(CLOUD + "/rest/api/3/myself")),
                200,
                "{\"accountId\":\"5b10a\",\"emailAddress\":\"oa@example.com\"}");
        json(get(urlPathEqualTo(CLOUD + "/rest/api/3/issue/ABC-7")), 200, JiraConnectorTest.ISSUE);
        var users = new TestUsers(this::http);
        TestUsers.User user = users.signUp("otto");
        String token = "jira-" + "oauth-access-1";
        String id = new TestOAuthConnections(context).create(user.workspaceId(), user.id(), "jira", token);

        var tested = users.as(user).post("/api/v1/connections/" + id + "/test", null);
        assertThat(tested.json().get("status").asString()).as(tested.toString()).isEqualTo("connected");
        assertThat(tested.json().get("account").asString()).isEqualTo("oa@example.com");
        var read =
                users.as(user).post("/api/v1/connections/" + id + "/actions/jira.get_issue", Map.of("issue", "ABC-7"));
        assertThat(read.json().at("/output/url").asString()).isEqualTo("https://acme.atlassian.net/browse/ABC-7");

        STUB.verify(getRequestedFor(urlPathEqualTo(CLOUD + "/rest/api/3/myself"))
                .withHeader("Authorization", equalTo("Bearer " + token)));
        STUB.verify(1, getRequestedFor(urlPathEqualTo(GATEWAY + "/oauth/token/accessible-resources")));
    }

    @Test
    void anAccountWithoutJiraSitesNeedsReconnecting() {
        json(get(urlPathEqualTo(GATEWAY + "/oauth/token/accessible-resources")), 200, "[]");
        json(get(urlPathEqualTo(CLOUD + "/rest/api/3/myself")), 200, "{}"); // never reached
        var users = new TestUsers(this::http);
        TestUsers.User user = users.signUp("olli");
        String id = new TestOAuthConnections(context).create(user.workspaceId(), user.id(), "jira", "jira-" + "x");
        var tested = users.as(user).post("/api/v1/connections/" + id + "/test", null);
        assertThat(tested.json().get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(tested.json().get("statusReason").asString()).contains("no Jira site");
    }
}
