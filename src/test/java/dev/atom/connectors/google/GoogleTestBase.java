package dev.atom.connectors.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.internal.TestOAuthConnections;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The Google connectors against the shared stub ({@link StubbedServiceTestBase}) standing in for
 * gmail.googleapis.com and www.googleapis.com (ATOM_GMAIL_BASE_URL and friends point at it). Each test gets a fresh user and an
 * OAuth connection whose token is stored directly; after each test every request the connector sent is
 * checked against Google's API description and must carry the connection's bearer token.
 */
public abstract class GoogleTestBase extends StubbedServiceTestBase {
    protected static final WireMockServer WM = STUB;
    protected static final String TOKEN = "ya29.test-access-token";

    @Autowired
    private ApplicationContext context;

    @Autowired
    protected Connectors connectors;

    protected TestUsers users;
    protected TestUsers.User user;
    protected String connectionId;

    /** The connector under test. */
    protected abstract String connectorId();

    /** The official description the connector's requests must match. */
    protected abstract OpenApiContract contract();

    /** The recorded requests to check against {@link #contract()}; Drive rewrites its uploads. */
    protected void checkContract(List<LoggedRequest> requests) {
        contract().assertRequestsValid(WM);
    }

    @BeforeEach
    void connect() {
        users = new TestUsers(this::http);
        user = users.signUp("gina");
        connectionId = new TestOAuthConnections(context).create(user.workspaceId(), user.id(), connectorId(), TOKEN);
    }

    @AfterEach
    void everyRequestKeptTheContract() {
        List<LoggedRequest> requests = WM.findAll(anyRequestedFor(anyUrl()));
        if (requests.isEmpty()) {
            return;
        }
        assertThat(requests)
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN));
        checkContract(requests);
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
