package dev.atom.workspace.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.internal.TestOAuthConnections;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import dev.atom.testing.StubSetting;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestUsers;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The sync engine end to end with the Dropbox feed against WireMock (every request checked against
 * api-specs/dropbox.yaml): first sync in pages, resuming after an error with its progress, changes and deletions,
 * an expired cursor, a revoked token, a restart, removal of the connection, and the API's workspace check.
 */
@StubMount(property = "ATOM_DROPBOX_BASE_URL", path = "/2")
@StubMount(property = "ATOM_DROPBOX_TOKEN_URL", path = "/oauth2/token")
@StubSetting(property = "ATOM_DROPBOX_CLIENT_ID", value = "atom-dropbox-test")
@StubSetting(property = "ATOM_DROPBOX_CLIENT_SECRET", value = "dropbox-test-secret")
class DropboxSyncTest extends StubbedServiceTestBase {
    private static final String TOKEN = "sl.sync-test-token";

    @Autowired
    ApplicationContext context;

    @Autowired
    SyncEngine engine;

    @Autowired
    Connectors connectors;

    @Autowired
    SyncFeedRepository feeds;

    @Autowired
    SyncLeaseRepository leases;

    @Autowired
    SyncStores stores;

    @Autowired
    SyncProperties properties;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    TestUsers users;
    TestUsers.User user;
    String connection;

    @BeforeEach
    void connect() {
        users = new TestUsers(this::http);
        user = users.signUp("sync");
        connection = new TestOAuthConnections(context).create(user.workspaceId(), user.id(), "dropbox", TOKEN);
        STUB.stubFor(post(urlPathEqualTo("/2/files/download"))
                .willReturn(aResponse().withStatus(200).withBody("hello from dropbox")));
    }

    @AfterEach
    void everyRequestIsOneDropboxAccepts() {
        if (STUB.getAllServeEvents().isEmpty()) {
            return; // nothing was sent (a test that proves no call is made)
        }
        OpenApiContract.local("dropbox.yaml").assertRequestsValid(STUB, "/2", "/oauth2/token");
    }

    private static String file(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return "{\".tag\":\"file\",\"name\":\"" + name + "\",\"path_display\":\"" + path + "\",\"path_lower\":\""
                + path.toLowerCase(java.util.Locale.ROOT) + "\",\"id\":\"id:" + name
                + "\",\"size\":18,\"server_modified\":\"2026-12-01T10:00:00Z\",\"rev\":\"a1\"}";
    }

    private static String folder(String path) {
        return "{\".tag\":\"folder\",\"name\":\"x\",\"path_display\":\"" + path + "\",\"path_lower\":\""
                + path.toLowerCase(java.util.Locale.ROOT) + "\",\"id\":\"id:f" + path.length() + "\"}";
    }

    private static String deleted(String path) {
        return "{\".tag\":\"deleted\",\"name\":\"x\",\"path_display\":\"" + path + "\",\"path_lower\":\""
                + path.toLowerCase(java.util.Locale.ROOT) + "\"}";
    }

    private static ResponseDefinitionBuilder page(String cursor, boolean more, String... entries) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"entries\":[" + String.join(",", entries) + "],\"cursor\":\"" + cursor + "\",\"has_more\":"
                        + more + "}");
    }

    private void stubList(ResponseDefinitionBuilder answer) {
        STUB.stubFor(post(urlPathEqualTo("/2/files/list_folder")).willReturn(answer));
    }

    private void stubContinue(String cursor, ResponseDefinitionBuilder answer) {
        STUB.stubFor(post(urlPathEqualTo("/2/files/list_folder/continue"))
                .withRequestBody(equalToJson("{\"cursor\":\"" + cursor + "\"}"))
                .willReturn(answer));
    }

    private List<String> paths() {
        return jdbc.sql("SELECT path FROM synced_files WHERE connection_id = ? ORDER BY path")
                .params(connection)
                .query(String.class)
                .list();
    }

    /** Null fields are left out of the API's JSON. */
    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    private JsonNode feed() {
        var response = users.as(user).get("/api/v1/connections/" + connection + "/sync");
        assertThat(response.status()).isEqualTo(200);
        return response.json().path("feeds").path(0);
    }

    /** "Sync now" through the API, then the engine runs here (the tests' app has no background scheduler). */
    private boolean syncNow() {
        assertThat(users.as(user)
                        .post("/api/v1/connections/" + connection + "/sync", null)
                        .status())
                .isEqualTo(202);
        return engine.syncConnection(user.workspaceId(), connection);
    }

    @Test
    void theFirstSyncRunsInPagesKeepsItsProgressThroughAnErrorAndThenFollowsChanges() {
        stubList(page("c1", true, file("/Docs/a.txt"), folder("/Docs"), file("/Docs/report.pdf")));
        stubContinue("c1", aResponse().withStatus(503).withBody("busy"));
        JsonNode before = feed();
        assertThat(before.path("id").asString()).isEqualTo("dropbox.files");
        assertThat(before.path("itemType").asString()).isEqualTo("file");
        assertThat(before.path("status").asString()).isEqualTo("idle");
        assertThat(absent(before.path("lastSyncedAt"))).isTrue();

        assertThat(engine.syncConnection(user.workspaceId(), connection)).isTrue();
        JsonNode failed = feed();
        assertThat(failed.path("status").asString()).isEqualTo("error");
        assertThat(failed.path("lastError").asString()).isNotBlank();
        assertThat(failed.at("/progress/pages").asInt()).isEqualTo(1);
        assertThat(failed.at("/progress/items").asInt()).isEqualTo(2);
        assertThat(failed.at("/progress/firstSync").asBoolean()).isTrue();
        Instant erredAt = Instant.parse(failed.path("lastErrorAt").asString());
        assertThat(Instant.parse(failed.path("nextRunAt").asString()))
                .as("backs off")
                .isAfterOrEqualTo(erredAt.plus(properties.interval()));
        assertThat(paths()).containsExactly("/Docs/a.txt", "/Docs/report.pdf");

        stubContinue("c1", page("c2", false, file("/Docs/Sub/c.md")));
        assertThat(syncNow()).isTrue();
        JsonNode synced = feed();
        assertThat(synced.path("status").asString()).as(synced.toString()).isEqualTo("idle");
        assertThat(synced.path("items").asInt()).isEqualTo(3);
        assertThat(synced.at("/progress/firstSync").asBoolean()).isFalse();
        assertThat(absent(synced.path("lastError"))).isTrue();
        assertThat(absent(synced.path("lastSyncedAt"))).isFalse();
        STUB.verify(1, postRequestedFor(urlPathEqualTo("/2/files/list_folder")));
        String text = jdbc.sql("SELECT text FROM synced_files WHERE path = '/Docs/a.txt' AND connection_id = ?")
                .params(connection)
                .query(String.class)
                .single();
        assertThat(text).isEqualTo("hello from dropbox");
        assertThat(jdbc.sql("SELECT text FROM synced_files WHERE path = '/Docs/report.pdf' AND connection_id = ?")
                        .params(connection)
                        .query(String.class)
                        .list())
                .containsOnlyNulls();

        // upstream: report.pdf deleted, the Sub folder deleted (its files with it), a new file
        stubContinue("c2", page("c3", false, deleted("/Docs/report.pdf"), deleted("/Docs/Sub"), file("/Docs/new.txt")));
        assertThat(syncNow()).isTrue();
        assertThat(paths()).containsExactly("/Docs/a.txt", "/Docs/new.txt");
        assertThat(feed().path("items").asInt()).isEqualTo(2);
    }

    @Test
    void aRateLimitWaitsAsLongAsTheServiceAsks() {
        stubList(aResponse().withStatus(429).withHeader("Retry-After", "900").withBody("slow down"));
        assertThat(syncNow()).isTrue();
        JsonNode failed = feed();
        assertThat(failed.path("status").asString()).isEqualTo("error");
        Instant erredAt = Instant.parse(failed.path("lastErrorAt").asString());
        assertThat(Instant.parse(failed.path("nextRunAt").asString())).isAfterOrEqualTo(erredAt.plusSeconds(899));
        assertThat(engine.due(1000)).noneMatch(c -> c.connectionId().equals(connection));
    }

    @Test
    void anExpiredCursorResyncsEverythingAndSweepsWhatIsGone() {
        stubList(page("c1", false, file("/a.txt"), file("/b.txt")));
        assertThat(syncNow()).isTrue();
        assertThat(paths()).containsExactly("/a.txt", "/b.txt");

        stubContinue(
                "c1",
                aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error_summary\":\"reset/..\",\"error\":{\".tag\":\"reset\"}}"));
        stubList(page("c9", false, file("/a.txt"), file("/c.txt")));
        assertThat(syncNow()).isTrue();
        assertThat(paths()).containsExactly("/a.txt", "/c.txt");
        assertThat(feed().path("status").asString()).isEqualTo("idle");
        assertThat(feeds.find(user.workspaceId(), connection, "dropbox.files")
                        .orElseThrow()
                        .cursor())
                .isEqualTo("c9");
        STUB.verify(2, postRequestedFor(urlPathEqualTo("/2/files/list_folder")));
    }

    @Test
    void aRevokedTokenMarksTheConnectionNeedsReconnectAndSyncStops() {
        stubList(page("c1", false, file("/a.txt")));
        assertThat(syncNow()).isTrue();
        stubContinue(
                "c1",
                aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error_summary\":\"invalid_access_token/..\",\"error\":{\".tag\":"
                                + "\"invalid_access_token\"}}"));
        assertThat(syncNow()).isTrue();
        assertThat(feed().path("status").asString()).isEqualTo("needs_reconnect");
        assertThat(absent(feed().path("nextRunAt"))).isTrue();
        var conn = users.as(user).get("/api/v1/connections/" + connection).json();
        assertThat(conn.path("status").asString()).isEqualTo("needs_reconnect");

        assertThat(users.as(user)
                        .post("/api/v1/connections/" + connection + "/sync", null)
                        .status())
                .isEqualTo(202);
        engine.syncConnection(user.workspaceId(), connection);
        STUB.verify(1, postRequestedFor(urlPathEqualTo("/2/files/list_folder/continue")));
        assertThat(paths())
                .as("what was synced stays until the connection is removed")
                .containsExactly("/a.txt");
    }

    @Test
    void anotherEngineAfterARestartContinuesFromTheStoredCursor() {
        stubList(page("c1", false, file("/a.txt")));
        assertThat(syncNow()).isTrue();
        // a new engine, as after a restart: all it knows is in the database
        var restarted = new SyncEngine(connectors, feeds, leases, stores, properties, clock);
        stubContinue("c1", page("c2", false, file("/b.txt")));
        feeds.runSoon(user.workspaceId(), connection, clock.instant());
        assertThat(restarted.syncConnection(user.workspaceId(), connection)).isTrue();
        assertThat(paths()).containsExactly("/a.txt", "/b.txt");
        STUB.verify(1, postRequestedFor(urlPathEqualTo("/2/files/list_folder")));
        STUB.verify(1, postRequestedFor(urlPathEqualTo("/2/files/list_folder/continue")));
    }

    @Test
    void aConnectionHeldByAnotherEngineIsNotSyncedAgain() {
        Instant now = clock.instant();
        assertThat(leases.claim(user.workspaceId(), connection, "another-instance", now, now.plusSeconds(60)))
                .isTrue();
        assertThat(syncNow()).isFalse();
        STUB.verify(0, postRequestedFor(urlPathEqualTo("/2/files/list_folder")));
        assertThat(engine.due(1000)).noneMatch(c -> c.connectionId().equals(connection));
        leases.release(connection, "another-instance");
    }

    @Test
    void removingTheConnectionRemovesWhatWasSyncedFromIt() {
        stubList(page("c1", false, file("/a.txt"), file("/b.txt")));
        assertThat(syncNow()).isTrue();
        assertThat(paths()).hasSize(2);
        STUB.stubFor(post(urlPathEqualTo("/2/auth/token/revoke"))
                .willReturn(aResponse().withStatus(200)));
        assertThat(users.as(user).delete("/api/v1/connections/" + connection).status())
                .isEqualTo(204);
        assertThat(paths()).isEmpty();
        assertThat(feeds.list(user.workspaceId(), connection)).isEmpty();
        assertThat(users.as(user)
                        .get("/api/v1/connections/" + connection + "/sync")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anotherWorkspaceSeesNoSuchConnection() {
        var stranger = users.signUp("stranger");
        assertThat(users.as(stranger)
                        .get("/api/v1/connections/" + connection + "/sync")
                        .status())
                .isEqualTo(404);
        assertThat(users.as(stranger)
                        .post("/api/v1/connections/" + connection + "/sync", null)
                        .status())
                .isEqualTo(404);
        assertThat(users.as(stranger).get("/api/v1/connections/nope/sync").status())
                .isEqualTo(404);
    }
}
