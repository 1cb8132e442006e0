package dev.atom.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.internal.TestOAuthConnections;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link ConnectorContractTestBase} for the Google connectors connected by OAuth: each test gets a fresh user and
 * a connection whose access token is stored directly (as the OAuth callback leaves it), every request must
 * carry it as a bearer token, and Google's error bodies are built as Google sends them. Requests are checked
 * against Google's discovery-based descriptions made strict ({@link OpenApiContract#strict}): they declare
 * nothing required, while Google refuses unknown fields and parameters.
 */
public abstract class GoogleConnectorTestBase extends ConnectorContractTestBase {
    protected static final String TOKEN = "ya29.test-access-token";
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private ApplicationContext context;

    protected TestUsers users;
    protected TestUsers.User user;
    protected String connectionId;

    @BeforeEach
    void connectByOAuth() {
        users = new TestUsers(this::http);
        user = users.signUp("gina");
        connectionId = new TestOAuthConnections(context).create(user.workspaceId(), user.id(), connectorId(), TOKEN);
    }

    @AfterEach
    void everyRequestCarriedTheBearerToken() {
        assertThat(STUB.getAllServeEvents().stream().map(ServeEvent::getRequest))
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN));
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

    /** The connection's health check, through the API. */
    protected TestHttp.Response test() {
        return users.as(user).post("/api/v1/connections/" + connectionId + "/test", Map.of());
    }

    protected TestHttp.Response connection() {
        return users.as(user).get("/api/v1/connections/" + connectionId);
    }

    /** One poll of the connector's polling trigger {@code triggerId} with {@code settings} (may be null). */
    protected PollingTrigger.Poll poll(String triggerId, Map<String, ?> settings, String cursor) {
        var trigger = connectors.connector(connectorId()).orElseThrow().triggers().stream()
                .filter(t -> t.id().equals(triggerId))
                .map(PollingTrigger.class::cast)
                .findFirst()
                .orElseThrow();
        return trigger.poll(
                connectors.context(user.workspaceId(), connectionId),
                settings == null ? null : JSON.valueToTree(settings),
                cursor);
    }

    protected static ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(body);
    }

    /** Google's error body: {@code {"error":{"code","message","errors":[{"reason"}],"status"}}}. */
    protected static ResponseDefinitionBuilder error(int status, String reason, String message) {
        String state = switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            default -> "UNAVAILABLE";
        };
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody("{\"error\":{\"code\":" + status + ",\"message\":\"" + message
                        + "\",\"errors\":[{\"message\":\"" + message + "\",\"domain\":\"global\",\"reason\":\""
                        + reason + "\"}],\"status\":\"" + state + "\"}}");
    }
}
