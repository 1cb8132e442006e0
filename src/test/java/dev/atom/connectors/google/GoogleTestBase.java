package dev.atom.connectors.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.atom.connectors.Action;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.internal.TestOAuthConnections;
import dev.atom.testing.ApiDescription;
import dev.atom.testing.ConnectorContractTestBase;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The Google connectors against the shared stub ({@link ConnectorContractTestBase}) standing in for
 * gmail.googleapis.com and www.googleapis.com (ATOM_GMAIL_BASE_URL and friends point at it). Each test gets a fresh user and an
 * OAuth connection whose token is stored directly; after each test every request the connector sent is
 * checked against Google's API description (whose paths are whole: nothing is cut) and must carry the
 * connection's bearer token.
 */
public abstract class GoogleTestBase extends ConnectorContractTestBase {
    protected static final WireMockServer WM = STUB;
    protected static final String TOKEN = "ya29.test-access-token";

    @Autowired
    private ApplicationContext context;

    protected TestUsers users;
    protected TestUsers.User user;
    protected String connectionId;

    /** The official description the connector's requests must match. */
    protected abstract OpenApiContract contract();

    /**
     * The actions as registered: each connector's own test ({@code GmailConnectorTest}...) names them one by
     * one; the other tests on this base (sync, tools) are not about the catalog.
     */
    @Override
    protected Set<String> expectedActions() {
        return connectors.connector(connectorId()).orElseThrow().actions().stream()
                .map(Action::id)
                .collect(Collectors.toSet());
    }

    @Override
    protected final ApiDescription apiDescription() {
        return ApiDescription.openApi(contract());
    }

    /** Google's descriptions carry the whole path ({@code /calendar/v3/...}): nothing is cut. */
    @Override
    protected final String apiPathPrefix() {
        return "";
    }

    /**
     * Checks the requests sent outside the connector's mount against {@link #contract()} (the base class checks
     * those under it): none but Drive's uploads, which Drive's test rewrites to the metadata they carry.
     */
    protected void checkOutsideTheMount(List<LoggedRequest> requests) {
        assertThat(requests).as("requests outside " + apiMount()).isEmpty();
    }

    @BeforeEach
    void connect() {
        users = new TestUsers(this::http);
        user = users.signUp("gina");
        connectionId = new TestOAuthConnections(context).create(user.workspaceId(), user.id(), connectorId(), TOKEN);
    }

    @AfterEach
    void everyRequestCarriedTheTokenAndKeptTheContract() {
        List<LoggedRequest> requests = WM.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests)
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN));
        checkOutsideTheMount(requests.stream()
                .filter(r -> !URI.create(r.getUrl()).getRawPath().startsWith(apiMount()))
                .toList());
    }

    protected TestHttp.Response run(String action, Map<String, ?> input) {
        return users.as(user).post("/api/v1/connections/" + connectionId + "/actions/" + action, input);
    }

    /** Runs an action that must succeed; its output. */
    protected JsonNode output(String action, Map<String, ?> input) {
        var r = run(action, input);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("output");
    }

    protected TestHttp.Response test() {
        return users.as(user).post("/api/v1/connections/" + connectionId + "/test", Map.of());
    }

    protected PollingTrigger.Poll poll(String triggerId, String cursor) {
        var trigger = connectors.connector(connectorId()).orElseThrow().triggers().stream()
                .filter(t -> t.id().equals(triggerId))
                .map(PollingTrigger.class::cast)
                .findFirst()
                .orElseThrow();
        return trigger.poll(connectors.context(user.workspaceId(), connectionId), cursor);
    }

    protected static ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    protected static ResponseDefinitionBuilder error(int status, String reason, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":" + status + ",\"message\":\"" + message
                        + "\",\"errors\":[{\"message\":\"" + message + "\",\"domain\":\"global\",\"reason\":\"" + reason
                        + "\"}],\"status\":\"X\"}}");
    }
}
