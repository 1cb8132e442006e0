package dev.atom.connectors.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubbedServiceTestBase;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the Jira tests share: the stubbed site, the spec subset, and the check of the one undescribed call. */
final class JiraTestSupport {
    /** The site users type; WireMock serves it under /jira, as a Jira Data Center context path would. */
    static final String PREFIX = "/jira";
    // Assembled so no line looks like a real Atlassian token to secret scanners; it is a fake.
    static final String API_TOKEN = "ATATT3x" + "FfGF0abcdefghijklmnopqrstuvwxyz0123456789";
    static final String SEARCH = "/rest/api/3/search/jql";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * The fields Atlassian documents for {@code POST /rest/api/3/search/jql} (the enhanced search that replaced
     * {@code /search}); the shared description predates it, so these requests are checked here.
     */
    private static final Set<String> SEARCH_FIELDS = Set.of(
            "jql",
            "nextPageToken",
            "maxResults",
            "fields",
            "expand",
            "properties",
            "fieldsByKeys",
            "failFast",
            "reconcileIssues");

    private JiraTestSupport() {}

    static String site() {
        return "http://localhost:" + StubbedServiceTestBase.STUB.port() + PREFIX;
    }

    static OpenApiContract contract() {
        return OpenApiContract.subset(
                "jira.json",
                Map.of(),
                "/rest/api/3/myself",
                "/rest/api/3/issue",
                "/rest/api/3/issue/{issueIdOrKey}",
                "/rest/api/3/issue/{issueIdOrKey}/transitions",
                "/rest/api/3/issue/{issueIdOrKey}/comment");
    }

    static void json(MappingBuilder m, int status, String body) {
        StubbedServiceTestBase.STUB.stubFor(m.willReturn(aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json;charset=UTF-8")
                .withBody(body)));
    }

    /** Every request to the enhanced search sent a JSON body with only documented fields, of their types. */
    static void assertSearchRequestsDocumented() {
        for (var e : StubbedServiceTestBase.STUB.getAllServeEvents()) {
            LoggedRequest r = e.getRequest();
            if (!r.getUrl().endsWith(SEARCH)) {
                continue;
            }
            assertThat(r.getMethod().getName()).isEqualTo("POST");
            assertThat(r.getHeader("Content-Type")).startsWith("application/json");
            JsonNode body = JSON.readTree(r.getBodyAsString());
            assertThat(body.propertyNames()).as(r.getBodyAsString()).isSubsetOf(SEARCH_FIELDS);
            assertThat(body.get("jql").isString()).isTrue();
            assertThat(body.path("maxResults").isMissingNode()
                            || body.get("maxResults").isInt())
                    .isTrue();
            assertThat(body.path("fields").isMissingNode() || body.get("fields").isArray())
                    .isTrue();
            assertThat(body.path("nextPageToken").isMissingNode()
                            || body.get("nextPageToken").isString())
                    .isTrue();
        }
    }

    /** The JQL of the last request to the enhanced search. */
    static String lastSearchJql() {
        var requests =
                StubbedServiceTestBase.STUB.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(PREFIX + SEARCH)));
        return JSON.readTree(requests.getLast().getBodyAsString()).get("jql").asString();
    }
}
