package dev.atom.workspace.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.google.GoogleTestBase;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sync engine with the Google Drive feed against WireMock (checked against google-drive.json): the first
 * sync (startPageToken, then files.list in pages, Google Docs exported as text), the changes API (removed and
 * trashed files go), and an expired page token (410) -> a full resync that sweeps what is gone.
 */
@StubMount(property = "ATOM_GOOGLE_DRIVE_BASE_URL", path = "/drive/v3")
class DriveSyncTest extends GoogleTestBase {
    private static final String FILES = "/drive/v3/files";

    @Autowired
    SyncEngine engine;

    @Autowired
    SyncFeedRepository feeds;

    @Autowired
    JdbcClient jdbc;

    @Override
    protected String connectorId() {
        return "google-drive";
    }

    @Override
    protected OpenApiContract contract() {
        return OpenApiContract.of("google-drive.json");
    }

    private static String file(String id, String name, String mime, Integer size) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"mimeType\":\"" + mime + "\""
                + (size == null ? "" : ",\"size\":\"" + size + "\"")
                + ",\"modifiedTime\":\"2026-12-01T10:00:00.000Z\",\"webViewLink\":\"https://drive.google.com/file/d/"
                + id + "\",\"lastModifyingUser\":{\"displayName\":\"Gina\",\"emailAddress\":\"gina@example.com\"}}";
    }

    private static final String DOC = file("d1", "Plan", "application/vnd.google-apps.document", null);
    private static final String FOLDER = file("f1", "Work", "application/vnd.google-apps.folder", null);
    private static final String NOTES = file("n1", "notes.txt", "text/plain", 5);
    private static final String PDF = file("p1", "scan.pdf", "application/pdf", 90000);

    private void stubStart(String token) {
        WM.stubFor(get(urlPathEqualTo(FILES.replace("/files", "/changes/startPageToken")))
                .willReturn(json("{\"startPageToken\":\"" + token + "\"}")));
    }

    private void stubFirstListing(String... files) {
        WM.stubFor(get(urlPathEqualTo(FILES))
                .withQueryParam("pageToken", absent())
                .willReturn(json("{\"files\":[" + String.join(",", files) + "]}")));
    }

    private List<String> names() {
        return jdbc.sql("SELECT name FROM synced_files WHERE connection_id = ? ORDER BY name")
                .params(connectionId)
                .query(String.class)
                .list();
    }

    private boolean sync() {
        feeds.runSoon(user.workspaceId(), connectionId, java.time.Instant.now());
        return engine.syncConnection(user.workspaceId(), connectionId);
    }

    @Test
    void firstSyncThenChangesThenAnExpiredTokenResyncs() {
        stubStart("100");
        WM.stubFor(get(urlPathEqualTo(FILES))
                .withQueryParam("pageToken", absent())
                .willReturn(json("{\"nextPageToken\":\"p2\",\"files\":[" + DOC + "," + FOLDER + "]}")));
        WM.stubFor(get(urlPathEqualTo(FILES))
                .withQueryParam("pageToken", equalTo("p2"))
                .willReturn(json("{\"files\":[" + NOTES + "," + PDF + "]}")));
        WM.stubFor(get(urlPathEqualTo(FILES + "/d1/export"))
                .withQueryParam("mimeType", equalTo("text/plain"))
                .willReturn(aResponse().withStatus(200).withBody("the plan, as text")));
        WM.stubFor(get(urlPathEqualTo(FILES + "/n1"))
                .withQueryParam("alt", equalTo("media"))
                .willReturn(aResponse().withStatus(200).withBody("notes")));

        assertThat(sync()).isTrue();
        assertThat(names()).containsExactly("Plan", "notes.txt", "scan.pdf");
        FeedState state = feeds.find(user.workspaceId(), connectionId, "google-drive.files")
                .orElseThrow();
        assertThat(state.cursor()).isEqualTo("changes:100");
        assertThat(state.progressPages()).isEqualTo(2);
        assertThat(state.items()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT text FROM synced_files WHERE connection_id = ? ORDER BY name")
                        .params(connectionId)
                        .query(String.class)
                        .list())
                .containsExactly("the plan, as text", "notes", null);
        WM.verify(0, getRequestedFor(urlPathEqualTo(FILES + "/p1")));

        WM.stubFor(get(urlPathEqualTo("/drive/v3/changes"))
                .withQueryParam("pageToken", equalTo("100"))
                .willReturn(json("{\"newStartPageToken\":\"105\",\"changes\":["
                        + "{\"changeType\":\"file\",\"removed\":true,\"fileId\":\"p1\"},"
                        + "{\"changeType\":\"file\",\"fileId\":\"d1\",\"file\":{\"id\":\"d1\",\"trashed\":true}},"
                        + "{\"changeType\":\"file\",\"fileId\":\"x1\",\"file\":"
                        + file("x1", "budget.xlsx", "application/vnd.ms-excel", 100) + "}]}")));
        assertThat(sync()).isTrue();
        assertThat(names()).containsExactly("budget.xlsx", "notes.txt");

        WM.stubFor(get(urlPathEqualTo("/drive/v3/changes"))
                .withQueryParam("pageToken", equalTo("105"))
                .willReturn(error(410, "badRequest", "The page token is no longer valid.")));
        stubStart("200");
        stubFirstListing(NOTES);
        assertThat(sync()).isTrue();
        assertThat(names()).containsExactly("notes.txt");
        assertThat(feeds.find(user.workspaceId(), connectionId, "google-drive.files")
                        .orElseThrow()
                        .cursor())
                .isEqualTo("changes:200");
    }
}
