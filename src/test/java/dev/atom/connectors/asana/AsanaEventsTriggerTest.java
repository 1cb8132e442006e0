package dev.atom.connectors.asana;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.atom.connectors.asana.AsanaConnectorTest.BASE;
import static dev.atom.connectors.asana.AsanaConnectorTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.TriggerEvent;
import dev.atom.testing.StubMount;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** The project_changed poller against WireMock: sync tokens from 412, pages by has_more, expiry resets. */
@StubMount(property = "ATOM_ASANA_BASE_URL", path = "/api/1.0")
class AsanaEventsTriggerTest extends StubbedServiceTestBase {
    static final String EXPIRED = "{\"errors\":[{\"message\":\"Sync token invalid or too old.\"}],\"sync\":\"%s\"}";

    @Autowired
    Connectors connectors;

    private TestUsers.User user;
    private String connection;

    @BeforeEach
    void connect() {
        json(get(urlPathEqualTo(BASE + "/users/me")), 200, "{\"data\":{\"gid\":\"42\",\"name\":\"Asa\"}}");
        var users = new TestUsers(this::http);
        user = users.signUp("evy");
        connection = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "asana",
                                "name",
                                "Work",
                                "credentials",
                                Map.of("token", AsanaConnectorTest.PAT)))
                .json()
                .get("id")
                .asString();
    }

    @AfterEach
    void everyRequestIsOneAsanaAccepts() {
        AsanaConnectorTest.contract().assertRequestsValid(STUB, BASE);
    }

    private PollingTrigger.Poll poll(String cursor) {
        PollingTrigger trigger = (PollingTrigger)
                connectors.connector("asana").orElseThrow().triggers().getFirst();
        var settings = JsonMapper.builder().build().createObjectNode().put("project", "1100");
        return trigger.poll(connectors.context(user.workspaceId(), connection), settings, cursor);
    }

    @Test
    void theFirstPollKeepsTheSyncTokenAsanaHandsOutWith412() {
        json(get(urlPathEqualTo(BASE + "/events")), 412, EXPIRED.formatted("sync-1"));
        var first = poll(null);
        assertThat(first.events()).isEmpty();
        assertThat(first.cursor()).isEqualTo("sync-1");
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/events"))
                .withQueryParam("resource", equalTo("1100"))
                .withQueryParam("sync", absent()));
    }

    @Test
    void laterPollsFollowHasMoreAndKeyEventsSoRepeatsAreOne() {
        json(
                get(urlPathEqualTo(BASE + "/events")).withQueryParam("sync", equalTo("sync-1")),
                200,
                "{\"data\":[{\"action\":\"added\",\"resource\":{\"gid\":\"1201\",\"resource_type\":\"task\","
                        + "\"name\":\"Ship it\"},\"parent\":{\"gid\":\"1100\",\"resource_type\":\"project\"},"
                        + "\"user\":{\"gid\":\"42\"},\"created_at\":\"2026-11-20T10:00:00.000Z\",\"type\":\"task\"}],"
                        + "\"sync\":\"sync-2\",\"has_more\":true}");
        json(
                get(urlPathEqualTo(BASE + "/events")).withQueryParam("sync", equalTo("sync-2")),
                200,
                "{\"data\":[{\"action\":\"changed\",\"resource\":{\"gid\":\"1201\",\"resource_type\":\"task\"},"
                        + "\"change\":{\"field\":\"completed\",\"action\":\"changed\"},"
                        + "\"created_at\":\"2026-11-20T10:05:00.000Z\"},"
                        + "{\"action\":\"added\",\"resource\":{\"gid\":\"9001\",\"resource_type\":\"story\","
                        + "\"resource_subtype\":\"comment_added\"},\"parent\":{\"gid\":\"1201\",\"resource_type\":\"task\"},"
                        + "\"created_at\":\"2026-11-20T10:06:00.000Z\"}],\"sync\":\"sync-3\",\"has_more\":false}");

        var poll = poll("sync-1");
        assertThat(poll.cursor()).isEqualTo("sync-3");
        assertThat(poll.events()).hasSize(3);
        TriggerEvent added = poll.events().getFirst();
        assertThat(added.payload().get("action").asString()).isEqualTo("added");
        assertThat(added.payload().get("resourceName").asString()).isEqualTo("Ship it");
        assertThat(added.payload().get("parent").asString()).isEqualTo("project:1100");
        assertThat(added.occurredAt()).hasToString("2026-11-20T10:00:00Z");
        assertThat(poll.events().get(1).payload().get("field").asString()).isEqualTo("completed");
        assertThat(poll.events().get(2).payload().get("resourceSubtype").asString())
                .isEqualTo("comment_added");
        assertThat(poll.events()).extracting(TriggerEvent::dedupKey).doesNotHaveDuplicates();
        assertThat(poll("sync-1").events())
                .as("the same events polled again carry the same keys")
                .extracting(TriggerEvent::dedupKey)
                .containsExactlyElementsOf(
                        poll.events().stream().map(TriggerEvent::dedupKey).toList());
    }

    @Test
    void anExpiredTokenRestartsTheCursorAndARefusedTokenNeedsReconnecting() {
        json(get(urlPathEqualTo(BASE + "/events")), 412, EXPIRED.formatted("sync-fresh"));
        var reset = poll("sync-old");
        assertThat(reset.events()).isEmpty();
        assertThat(reset.cursor()).isEqualTo("sync-fresh");

        json(get(urlPathEqualTo(BASE + "/events")), 401, "{\"errors\":[{\"message\":\"Not Authorized\"}]}");
        assertThatThrownBy(() -> poll("sync-fresh")).isInstanceOf(ConnectorException.NeedsReconnect.class);

        json(get(urlPathEqualTo(BASE + "/events")), 404, "{\"errors\":[{\"message\":\"project: Unknown object\"}]}");
        assertThatThrownBy(() -> poll("sync-fresh"))
                .isInstanceOf(ConnectorException.NotFound.class)
                .hasMessage("project: the Asana project was not found");
    }
}
