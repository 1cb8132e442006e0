package dev.atom.connectors.outlook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.internal.TestOAuthConnections;
import dev.atom.testing.ApiDescription;
import dev.atom.testing.ConnectorContractTestBase;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Outlook connector against the shared stub standing in for graph.microsoft.com (ATOM_OUTLOOK_BASE_URL is
 * the stub's {@code /v1.0}). Each test gets a fresh user and an OAuth connection whose token is stored directly;
 * after each test every request must carry the connection's bearer token and ask for immutable ids, and every
 * request to a path the Graph description has is checked against it ({@link ConnectorContractTestBase}).
 */
@StubMount(property = "ATOM_OUTLOOK_BASE_URL", path = OutlookTestBase.V1)
abstract class OutlookTestBase extends ConnectorContractTestBase {
    static final WireMockServer WM = STUB;
    static final String TOKEN = "EwBIA8l6BAAU.test-access-token";
    static final String V1 = "/v1.0";

    /**
     * Paths Graph has that the shared description (a subset of msgraph-metadata) lacks: GET /me, message move,
     * reply and replyAll, getSchedule and the two delta functions. Requests to them are skipped by the contract check, so the
     * tests pin their shapes with WireMock matchers instead.
     */
    static final String[] UNDESCRIBED = {
        "/me",
        "/me/messages/[^/]+/move",
        "/me/messages/[^/]+/reply(All)?",
        "/me/calendar/getSchedule",
        "/me/mailFolders/[^/]+/messages/delta",
        "/me/calendarView/delta"
    };

    /**
     * Graph's description with two documented forms added. calendarView is ordered by {@code start/dateTime}
     * (Graph's own examples), which the description's enum of {@code $orderby} values spells only as {@code
     * start}. GET /me/messages/{id} takes {@code $expand} (the full msgraph-metadata description declares it on
     * every entity GET, and Graph's message docs expand attachments with it); this subset kept only {@code
     * $select} there.
     */
    static final OpenApiContract GRAPH =
            OpenApiContract.adjusted("msgraph-mail-calendar.json", "outlook-connector", spec -> {
                for (JsonNode p : OpenApiContract.operation(spec, "/me/calendarView", "get")
                        .path("parameters")) {
                    if (p.path("name").asString("").equals("$orderby")) {
                        ((ArrayNode) p.path("schema").path("items").path("enum")).add("start/dateTime");
                    }
                }
                ObjectNode expand = ((ObjectNode) OpenApiContract.operation(spec, "/me/messages/{message-id}", "get"))
                        .withArray("parameters")
                        .addObject();
                expand.put("name", "$expand").put("in", "query").put("description", "Expand related entities");
                expand.putObject("schema").put("type", "string");
            });

    @Autowired
    private ApplicationContext context;

    TestUsers users;
    TestUsers.User user;
    String connectionId;

    @Override
    protected String connectorId() {
        return "outlook";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions(
                "outlook.search_mail",
                "outlook.read_mail",
                "outlook.send_mail",
                "outlook.reply_mail",
                "outlook.move_mail",
                "outlook.flag_mail",
                "outlook.categorize_mail",
                "outlook.list_events",
                "outlook.create_event",
                "outlook.update_event",
                "outlook.delete_event",
                "outlook.free_busy");
    }

    @Override
    protected ApiDescription apiDescription() {
        return ApiDescription.openApi(GRAPH, UNDESCRIBED);
    }

    @BeforeEach
    void connect() {
        users = new TestUsers(this::http);
        user = users.signUp("olga");
        connectionId = new TestOAuthConnections(context).create(user.workspaceId(), user.id(), "outlook", TOKEN);
    }

    /** Graph's requests are checked against its description by the base class; here, what every one carries. */
    @AfterEach
    void everyRequestCarriedTheTokenAndImmutableIds() {
        List<LoggedRequest> requests = WM.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(r.getHeaders().getHeader("Prefer").values()).contains("IdType=\"ImmutableId\"");
        });
    }

    TestHttp.Response run(String action, Map<String, ?> input) {
        return users.as(user).post("/api/v1/connections/" + connectionId + "/actions/" + action, input);
    }

    /** Runs an action that must succeed; its output. */
    JsonNode output(String action, Map<String, ?> input) {
        var r = run(action, input);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("output");
    }

    PollingTrigger.Poll poll(String triggerId, String cursor) {
        var trigger = connectors.connector("outlook").orElseThrow().triggers().stream()
                .filter(t -> t.id().equals(triggerId))
                .map(PollingTrigger.class::cast)
                .findFirst()
                .orElseThrow();
        return trigger.poll(connectors.context(user.workspaceId(), connectionId), cursor);
    }

    /** The stub's URL of a Graph path, as Graph would write it in a nextLink or deltaLink. */
    static String link(String pathAndQuery) {
        return "http://localhost:" + WM.port() + V1 + pathAndQuery;
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** Graph's error answer: {@code {error:{code,message,innerError}}}. */
    static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message
                        + "\",\"innerError\":{\"date\":\"2026-11-24T21:00:00\",\"request-id\":\"r-1\"}}}");
    }
}
