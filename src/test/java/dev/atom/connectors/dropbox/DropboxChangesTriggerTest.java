package dev.atom.connectors.dropbox;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.atom.connectors.dropbox.DropboxConnectorTest.FILE;
import static dev.atom.connectors.dropbox.DropboxConnectorTest.FOLDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.TriggerEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** dropbox.file_changed polling with list_folder cursors through the app's connection, against WireMock. */
class DropboxChangesTriggerTest extends DropboxTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DELETED =
            "{\".tag\":\"deleted\",\"name\":\"old.txt\",\"path_display\":\"/Docs/old.txt\",\"path_lower\":\"/docs/old.txt\"}";

    private PollingTrigger.Poll poll(Map<String, ?> settings, String cursor) {
        PollingTrigger trigger = (PollingTrigger)
                connectors.connector("dropbox").orElseThrow().triggers().getFirst();
        return trigger.poll(
                connectors.context(user.workspaceId(), connection),
                settings == null ? null : JSON.valueToTree(settings),
                cursor);
    }

    @Test
    void theFirstPollOnlyTakesTheLatestCursorOfTheFolder() {
        STUB.stubFor(rpc("files/list_folder/get_latest_cursor").willReturn(json("{\"cursor\":\"latest-1\"}")));
        var first = poll(Map.of("path", "/Docs/"), null);
        assertThat(first.events()).isEmpty();
        assertThat(first.cursor()).isEqualTo("latest-1");
        STUB.verify(postRequestedFor(urlPathEqualTo("/2/files/list_folder/get_latest_cursor"))
                .withRequestBody(equalToJson("{\"path\":\"/Docs\",\"recursive\":true,\"include_deleted\":true}")));
    }

    @Test
    void changesComePageByPageKeyedSoRepeatsAreSkipped() {
        STUB.stubFor(rpc("files/list_folder/continue")
                .inScenario("pages")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json("{\"entries\":[" + FOLDER + "," + FILE + "],\"cursor\":\"c2\",\"has_more\":true}"))
                .willSetStateTo("second"));
        STUB.stubFor(rpc("files/list_folder/continue")
                .inScenario("pages")
                .whenScenarioStateIs("second")
                .willReturn(json("{\"entries\":[" + DELETED + "],\"cursor\":\"c3\",\"has_more\":false}")));
        var poll = poll(null, "c1");
        assertThat(poll.cursor()).isEqualTo("c3");
        assertThat(poll.events())
                .extracting(TriggerEvent::dedupKey)
                .hasSize(3)
                .startsWith("folder:id:a4ayc_80_OEAAAAAAAAAXz", "file:id:a4ayc_80_OEAAAAAAAAAXw@a1c10ce0dd78");
        assertThat(poll.events().get(2).dedupKey()).startsWith("deleted:/docs/old.txt@");
        JsonNode file = poll.events().get(1).payload();
        assertThat(file.get("kind").asString()).isEqualTo("file");
        assertThat(file.at("/entry/path").asString()).isEqualTo("/Docs/notes.txt");
        assertThat(poll.events().get(1).occurredAt()).hasToString("2026-03-01T10:00:00Z");
        STUB.verify(postRequestedFor(urlPathEqualTo("/2/files/list_folder/continue"))
                .withRequestBody(equalToJson("{\"cursor\":\"c2\"}")));
    }

    @Test
    void aResetCursorIsReplacedByTheLatestAndNothingIsInvented() {
        STUB.stubFor(rpc("files/list_folder/continue").willReturn(error(409, "reset/...", "reset")));
        STUB.stubFor(rpc("files/list_folder/get_latest_cursor").willReturn(json("{\"cursor\":\"fresh\"}")));
        var poll = poll(Map.of("path", "", "recursive", false), "stale");
        assertThat(poll.events()).isEmpty();
        assertThat(poll.cursor()).isEqualTo("fresh");
        STUB.verify(postRequestedFor(urlPathEqualTo("/2/files/list_folder/get_latest_cursor"))
                .withRequestBody(equalToJson("{\"path\":\"\",\"recursive\":false,\"include_deleted\":true}")));
    }

    @Test
    void aDeletedWatchedFolderIsPermanent() {
        STUB.stubFor(rpc("files/list_folder/continue").willReturn(error(409, "path/not_found/..", "path")));
        assertThatThrownBy(() -> poll(null, "c1"))
                .isInstanceOf(ConnectorException.Permanent.class)
                .hasMessageContaining("not found");
    }
}
