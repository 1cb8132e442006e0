package dev.atom.connectors.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.atom.connectors.jira.JiraTestSupport.API_TOKEN;
import static dev.atom.connectors.jira.JiraTestSupport.PREFIX;
import static dev.atom.connectors.jira.JiraTestSupport.SEARCH;
import static dev.atom.connectors.jira.JiraTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.ApiDescription;
import dev.atom.testing.ConnectorContractTestBase;
import dev.atom.testing.StubMount;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Jira connector with e-mail + API token (basic auth) against WireMock as the user's site, every request
 * checked against Jira's description (the enhanced search, which it lacks, field by field). The OAuth way,
 * through Atlassian's gateway at {@code ATOM_JIRA_BASE_URL}, is {@code JiraOAuthTest}'s.
 */
@StubMount(property = "ATOM_JIRA_BASE_URL", path = "/atl")
class JiraConnectorTest extends ConnectorContractTestBase {
    static final String ISSUE = "{\"id\":\"10001\",\"key\":\"ABC-7\",\"fields\":{\"summary\":\"Crash on start\","
            + "\"status\":{\"name\":\"To Do\"},\"issuetype\":{\"name\":\"Bug\"},\"project\":{\"key\":\"ABC\"},"
            + "\"assignee\":{\"displayName\":\"Jo\"},\"updated\":\"2026-11-20T10:00:00.000+0000\","
            + "\"description\":{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":"
            + "[{\"type\":\"text\",\"text\":\"It crashes\"}]}]}}}";

    private TestUsers users;
    private TestUsers.User user;
    private String connection;

    @Override
    protected String connectorId() {
        return "jira";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions(
                "jira.search",
                "jira.get_issue",
                "jira.create_issue",
                "jira.transition_issue",
                "jira.add_comment",
                "jira.complete_issue",
                "jira.set_due_date");
    }

    @Override
    protected ApiDescription apiDescription() {
        return ApiDescription.openApi(JiraTestSupport.contract(), SEARCH.replace("/", "\\/"));
    }

    /** Connected with e-mail and API token, Atom calls the user's site: the test's site is the stub's {@code /jira}. */
    @Override
    protected String requestPrefix() {
        return PREFIX;
    }

    @BeforeEach
    void connect() {
        json(
                get(urlPathEqualTo(PREFIX + "/rest/api/3/myself")),
                200,
                "{\"accountId\":\"5b10a\",\"emailAddress\":\"jo@example.com\",\"displayName\":\"Jo\","
                        + "\"timeZone\":\"Europe/Berlin\"}");
        users = new TestUsers(this::http);
        user = users.signUp("jo");
        var c = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "jira",
                                "name",
                                "Jira",
                                "credentials",
                                Map.of(
                                        "site",
                                        JiraTestSupport.site() + "/",
                                        "email",
                                        "jo@example.com",
                                        "api_token",
                                        API_TOKEN)));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        assertThat(c.json().get("auth").asString()).isEqualTo("basic");
        assertThat(c.json().get("status").asString()).isEqualTo("connected");
        assertThat(c.json().get("account").asString()).isEqualTo("jo@example.com");
        connection = c.json().get("id").asString();
    }

    /** The enhanced search, which Jira's description lacks, is checked field by field against its documentation. */
    @AfterEach
    void searchRequestsAreDocumentedOnes() {
        JiraTestSupport.assertSearchRequestsDocumented();
    }

    private TestHttp.Response run(String action, Map<String, Object> input) {
        return users.as(user).post("/api/v1/connections/" + connection + "/actions/" + action, input);
    }

    private static List<String> fields(TestHttp.Response r) {
        List<String> out = new ArrayList<>();
        r.json()
                .path("errors")
                .forEach(e -> out.add(
                        e.get("field").asString() + ": " + e.get("message").asString()));
        return out;
    }

    /** What the catalog tells the engine and the assistant: which actions write, how a retry is safe, how to connect. */
    @Test
    void catalogFacts() {
        assertThat(retryFacts())
                .isEqualTo(Map.ofEntries(
                        Map.entry("jira.search", "reads natural"),
                        Map.entry("jira.get_issue", "reads natural"),
                        Map.entry("jira.create_issue", "writes none"),
                        Map.entry("jira.transition_issue", "writes natural"),
                        Map.entry("jira.complete_issue", "writes natural"),
                        Map.entry("jira.set_due_date", "writes natural"),
                        Map.entry("jira.add_comment", "writes none")));
        assertThat(authKinds()).containsExactly("basic", "api_key", "oauth2");
        assertThat(triggerKinds()).containsExactly("jira.issue_updated polling");
        JsonNode auths = catalogEntry().get("auths");
        assertThat(auths.at("/0/fields/2/name").asString()).isEqualTo("api_token");
        assertThat(auths.at("/0/fields/2/secret").asBoolean()).isTrue();
        assertThat(auths.at("/1/fields/1/name").asString()).isEqualTo("token");
        assertThat(auths.at("/1/fields/1/secret").asBoolean()).isTrue();
    }

    @Test
    void healthSignsInWithEmailAndTokenAndARefusalNeedsReconnecting() {
        String basic = "Basic "
                + Base64.getEncoder().encodeToString(("jo@example.com:" + API_TOKEN).getBytes(StandardCharsets.UTF_8));
        STUB.verify(getRequestedFor(urlPathEqualTo(PREFIX + "/rest/api/3/myself"))
                .withHeader("Authorization", equalTo(basic)));
        json(
                get(urlPathEqualTo(PREFIX + "/rest/api/3/myself")),
                401,
                "{\"errorMessages\":[\"You are not authenticated.\"],\"errors\":{}}");
        var bad = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(bad.json().get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(bad.json().get("statusReason").asString()).contains("You are not authenticated.");
        assertThat(bad.toString()).doesNotContain(API_TOKEN);
    }

    @Test
    void aSiteThatIsNotHttpsIsRefusedNamingTheField() {
        var r = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "jira",
                                "name",
                                "J",
                                "credentials",
                                Map.of("site", "http://jira.example.com", "email", "a@b.c", "api_token", API_TOKEN)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(fields(r)).containsExactly("credentials.site: is not in the expected format");
    }

    @Test
    void searchesByJqlWithTheNextPageToken() {
        json(
                post(urlPathEqualTo(PREFIX + SEARCH)),
                200,
                "{\"issues\":[" + ISSUE + "],\"nextPageToken\":\"tok-2\",\"isLast\":false}");
        var r = run("jira.search", Map.of("jql", "project = ABC", "maxResults", 10));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/issues/0/key").asString()).isEqualTo("ABC-7");
        assertThat(r.json().at("/output/issues/0/status").asString()).isEqualTo("To Do");
        assertThat(r.json().at("/output/issues/0/description").asString()).isEqualTo("It crashes");
        assertThat(r.json().at("/output/issues/0/url").asString()).isEqualTo(JiraTestSupport.site() + "/browse/ABC-7");
        assertThat(r.json().at("/output/nextPageToken").asString()).isEqualTo("tok-2");
        STUB.verify(postRequestedFor(urlPathEqualTo(PREFIX + SEARCH))
                .withRequestBody(equalToJson("{\"jql\":\"project = ABC\",\"maxResults\":10,\"fields\":[\"summary\","
                        + "\"status\",\"issuetype\",\"project\",\"assignee\",\"description\",\"updated\"]}")));

        json(post(urlPathEqualTo(PREFIX + SEARCH)), 200, "{\"issues\":[],\"isLast\":true}");
        var last = run("jira.search", Map.of("jql", "project = ABC", "nextPageToken", "tok-2"));
        assertThat(last.json().at("/output/nextPageToken").isMissingNode()
                        || last.json().at("/output/nextPageToken").isNull())
                .isTrue();

        json(
                post(urlPathEqualTo(PREFIX + SEARCH)),
                400,
                "{\"errorMessages\":[\"Field 'prio' does not exist or you do not have permission to view it.\"],"
                        + "\"errors\":{}}");
        var bad = run("jira.search", Map.of("jql", "prio = 1"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("detail").asString()).startsWith("jql: Field 'prio' does not exist");
    }

    @Test
    void readsAnIssueAndRefusesAKeyThatIsNotOne() {
        json(get(urlPathEqualTo(PREFIX + "/rest/api/3/issue/ABC-7")), 200, ISSUE);
        var r = run("jira.get_issue", Map.of("issue", "ABC-7"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/summary").asString()).isEqualTo("Crash on start");
        assertThat(r.json().at("/output/fields/issuetype/name").asString()).isEqualTo("Bug");
        STUB.verify(getRequestedFor(urlPathEqualTo(PREFIX + "/rest/api/3/issue/ABC-7"))
                .withQueryParam("fields", equalTo(JiraIssue.FIELDS)));

        assertThat(fields(run("jira.get_issue", Map.of("issue", "../myself"))))
                .containsExactly("input.issue: must be an issue key like ABC-123 or a numeric id");

        json(
                get(urlPathEqualTo(PREFIX + "/rest/api/3/issue/ABC-404")),
                404,
                "{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"],\"errors\":{}}");
        var missing = run("jira.get_issue", Map.of("issue", "ABC-404"));
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString())
                .isEqualTo("issue: the Jira issue (or one the account may not see) was not found");
        assertThat(missing.json().get("field").asString()).isEqualTo("input.issue");
    }

    @Test
    void createsAnIssueWithAnAdfDescriptionAndNamesTheFieldsJiraRefuses() {
        json(
                post(urlPathEqualTo(PREFIX + "/rest/api/3/issue")),
                201,
                "{\"id\":\"10002\",\"key\":\"ABC-8\",\"self\":\"" + JiraTestSupport.site()
                        + "/rest/api/3/issue/10002\"}");
        var r = run(
                "jira.create_issue",
                Map.of(
                        "project",
                        "ABC",
                        "issueType",
                        "Bug",
                        "summary",
                        "Crash",
                        "description",
                        "Line one\nline two\n\nNext",
                        "labels",
                        List.of("crash")));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/key").asString()).isEqualTo("ABC-8");
        assertThat(r.json().at("/output/url").asString()).isEqualTo(JiraTestSupport.site() + "/browse/ABC-8");
        STUB.verify(postRequestedFor(urlPathEqualTo(PREFIX + "/rest/api/3/issue"))
                .withRequestBody(
                        equalToJson("{\"fields\":{\"project\":{\"key\":\"ABC\"},\"issuetype\":{\"name\":\"Bug\"},"
                                + "\"summary\":\"Crash\",\"labels\":[\"crash\"],\"description\":{\"type\":\"doc\",\"version\":1,"
                                + "\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Line one\"},"
                                + "{\"type\":\"hardBreak\"},{\"type\":\"text\",\"text\":\"line two\"}]},{\"type\":\"paragraph\","
                                + "\"content\":[{\"type\":\"text\",\"text\":\"Next\"}]}]}}}")));

        json(
                post(urlPathEqualTo(PREFIX + "/rest/api/3/issue")),
                400,
                "{\"errorMessages\":[],\"errors\":{\"issuetype\":\"Specify a valid issue type\"}}");
        var bad = run("jira.create_issue", Map.of("project", "ABC", "issueType", "Bugg", "summary", "x"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("detail").asString()).isEqualTo("issueType: Specify a valid issue type");
    }

    @Test
    void transitionsByNameOrTargetStatusAndDoesNothingWhenAlreadyThere() {
        String path = PREFIX + "/rest/api/3/issue/ABC-7/transitions";
        json(
                get(urlPathEqualTo(path)),
                200,
                "{\"transitions\":[{\"id\":\"11\",\"name\":\"Start work\",\"to\":{\"name\":\"In Progress\"}},"
                        + "{\"id\":\"31\",\"name\":\"Close\",\"to\":{\"name\":\"Done\"}}]}");
        json(post(urlPathEqualTo(path)), 204, "");
        var r = run("jira.transition_issue", Map.of("issue", "ABC-7", "transition", "done"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/output/status").asString()).isEqualTo("Done");
        assertThat(r.json().at("/output/moved").asBoolean()).isTrue();
        STUB.verify(postRequestedFor(urlPathEqualTo(path))
                .withRequestBody(equalToJson("{\"transition\":{\"id\":\"31\"}}")));

        json(
                get(urlPathEqualTo(PREFIX + "/rest/api/3/issue/ABC-7")),
                200,
                "{\"id\":\"10001\",\"key\":\"ABC-7\",\"fields\":{\"status\":{\"name\":\"To Do\"}}}");
        assertThat(fields(run("jira.transition_issue", Map.of("issue", "ABC-7", "transition", "Reopen"))))
                .containsExactly(
                        "input.transition: 'Reopen' is not a transition of ABC-7 from To Do; it has: Start work, Close");
        var already = run("jira.transition_issue", Map.of("issue", "ABC-7", "transition", "to do"));
        assertThat(already.json().at("/output/moved").asBoolean()).isFalse();
        STUB.verify(1, postRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void commentsInAdfAndRateLimitsAreRetriable() {
        String path = PREFIX + "/rest/api/3/issue/ABC-7/comment";
        json(post(urlPathEqualTo(path)), 201, "{\"id\":\"900\",\"created\":\"2026-11-20T10:00:00.000+0000\"}");
        var r = run("jira.add_comment", Map.of("issue", "ABC-7", "text", "Fixed"));
        assertThat(r.json().at("/output/id").asString()).isEqualTo("900");
        STUB.verify(postRequestedFor(urlPathEqualTo(path))
                .withRequestBody(equalToJson("{\"body\":{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":"
                        + "\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Fixed\"}]}]}}")));

        STUB.stubFor(post(urlPathEqualTo(path))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "12")));
        var busy = run("jira.add_comment", Map.of("issue", "ABC-7", "text", "Again"));
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).isEqualTo("12");
    }
}
