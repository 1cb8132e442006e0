package dev.atom.connectors.notion;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.atom.connectors.notion.NotionTestBase.DB;
import static dev.atom.connectors.notion.NotionTestBase.DS;
import static dev.atom.connectors.notion.NotionTestBase.PAGE;
import static dev.atom.connectors.notion.NotionTestBase.ROW;
import static dev.atom.connectors.notion.NotionTestBase.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.TriggerEvent;
import dev.atom.testing.StubMount;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestUsers;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** notion.page_changed polling a database through the app's connection, against WireMock. */
@StubMount(property = "ATOM_NOTION_BASE_URL", path = "/v1")
class NotionPageChangedTriggerTest extends StubbedServiceTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Connectors connectors;

    @Autowired
    Clock clock;

    private TestUsers.User user;
    private String connection;

    @BeforeEach
    void connect() {
        json(
                com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/v1/users/me")),
                200,
                "{\"object\":\"user\",\"id\":\"b1\",\"type\":\"bot\",\"name\":\"Atom\"}");
        var users = new TestUsers(this::http);
        user = users.signUp("pia");
        connection = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "notion",
                                "name",
                                "Tasks",
                                "credentials",
                                Map.of("token", NotionTestBase.TOKEN)))
                .json()
                .get("id")
                .asString();
        NotionTestBase.database();
    }

    @AfterEach
    void everyRequestIsOneNotionAccepts() {
        NotionContract.contract().assertRequestsValid(STUB);
    }

    private PollingTrigger.Poll poll(String cursor) {
        PollingTrigger trigger = (PollingTrigger) connectors.connector("notion").orElseThrow().triggers().stream()
                .filter(t -> t.id().equals("notion.page_changed"))
                .findFirst()
                .orElseThrow();
        return trigger.poll(
                connectors.context(user.workspaceId(), connection), JSON.valueToTree(Map.of("databaseId", DB)), cursor);
    }

    @Test
    void theFirstPollOnlySetsTheCursorToThisMinute() {
        var first = poll(null);
        assertThat(first.events()).isEmpty();
        assertThat(first.cursor())
                .isEqualTo(clock.instant().truncatedTo(ChronoUnit.MINUTES).toString());
        STUB.verify(0, postRequestedFor(urlPathEqualTo("/v1/data_sources/" + DS + "/query")));
    }

    @Test
    void editsSinceTheCursorComeOldestFirstKeyedByPageAndEditTime() {
        String created = ROW.replace("\"2026-03-01T10:05:00.000Z\"", "\"2026-03-01T10:00:00.000Z\"")
                .replace(PAGE, "4d5e6f70-8192-43a4-b5c6-d7e8f9012345");
        json(
                post(urlPathEqualTo("/v1/data_sources/" + DS + "/query")),
                200,
                "{\"object\":\"list\",\"results\":[" + created + "," + ROW
                        + "],\"next_cursor\":null,\"has_more\":false}");
        var poll = poll("2026-03-01T10:00:00Z");
        STUB.verify(postRequestedFor(urlPathEqualTo("/v1/data_sources/" + DS + "/query"))
                .withRequestBody(equalToJson("{\"filter\":{\"timestamp\":\"last_edited_time\","
                        + "\"last_edited_time\":{\"on_or_after\":\"2026-03-01T10:00:00Z\"}},"
                        + "\"sorts\":[{\"timestamp\":\"last_edited_time\",\"direction\":\"ascending\"}],"
                        + "\"page_size\":100}")));
        assertThat(poll.events())
                .extracting(TriggerEvent::dedupKey)
                .containsExactly(
                        "4d5e6f70-8192-43a4-b5c6-d7e8f9012345@2026-03-01T10:00:00.000Z",
                        PAGE + "@2026-03-01T10:05:00.000Z");
        JsonNode first = poll.events().get(0).payload();
        assertThat(first.get("change").asString()).isEqualTo("created");
        JsonNode second = poll.events().get(1).payload();
        assertThat(second.get("change").asString()).isEqualTo("edited");
        assertThat(second.at("/page/properties/Name").asString()).isEqualTo("Fix login");
        assertThat(poll.cursor()).isEqualTo("2026-03-01T10:05:00.000Z");

        // nothing new: the cursor stays
        json(
                post(urlPathEqualTo("/v1/data_sources/" + DS + "/query")),
                200,
                "{\"object\":\"list\",\"results\":[],\"next_cursor\":null,\"has_more\":false}");
        assertThat(poll(poll.cursor()).cursor()).isEqualTo("2026-03-01T10:05:00.000Z");
    }

    @Test
    void withoutADatabaseTheTriggerSaysWhichSettingIsMissing() {
        PollingTrigger trigger = (PollingTrigger)
                connectors.connector("notion").orElseThrow().triggers().getFirst();
        assertThat(trigger.settingsType()).isEqualTo(NotionPageChangedTrigger.Settings.class);
        assertThatThrownBy(() -> trigger.poll(connectors.context(user.workspaceId(), connection), null))
                .isInstanceOf(ConnectorException.InvalidInput.class)
                .hasMessageStartingWith("databaseId");
    }
}
