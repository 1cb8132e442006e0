package dev.atom.connectors.dropbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Dropbox actions through the running app against WireMock. */
class DropboxConnectorTest extends DropboxTestBase {
    static final String FILE = "{\".tag\":\"file\",\"name\":\"notes.txt\",\"path_display\":\"/Docs/notes.txt\","
            + "\"path_lower\":\"/docs/notes.txt\",\"id\":\"id:a4ayc_80_OEAAAAAAAAAXw\",\"size\":5,"
            + "\"server_modified\":\"2026-03-01T10:00:00Z\",\"rev\":\"a1c10ce0dd78\",\"content_hash\":\"e3b0\"}";
    static final String FOLDER = "{\".tag\":\"folder\",\"name\":\"Docs\",\"path_display\":\"/Docs\","
            + "\"path_lower\":\"/docs\",\"id\":\"id:a4ayc_80_OEAAAAAAAAAXz\"}";

    @AfterEach
    void everyCallCarriedTheConnectionsToken() {
        assertThat(STUB.getAllServeEvents())
                .allSatisfy(e ->
                        assertThat(e.getRequest().getHeader("Authorization")).isEqualTo("Bearer " + TOKEN));
    }

    private JsonNode output(String action, Map<String, ?> input) {
        var r = run(action, input);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("output");
    }

    /** What the catalog tells the engine and the assistant: which actions write, how a retry is safe, how to connect. */
    @Test
    void catalogFacts() {
        assertThat(retryFacts())
                .isEqualTo(Map.ofEntries(
                        Map.entry("dropbox.list_folder", "reads natural"),
                        Map.entry("dropbox.download", "reads natural"),
                        Map.entry("dropbox.upload", "writes natural"),
                        Map.entry("dropbox.create_shared_link", "writes natural"),
                        Map.entry("dropbox.search", "reads natural")));
        assertThat(authKinds()).containsExactly("oauth2");
        assertThat(triggerKinds()).containsExactly("dropbox.file_changed polling");
        JsonNode auth = catalogEntry().get("auth");
        assertThat(auth.get("pkce").asBoolean()).isTrue();
        assertThat(auth.get("scopes").toString()).contains("files.content.write", "sharing.write");
    }

    @Test
    void healthIsTheCurrentAccount() {
        STUB.stubFor(rpc("users/get_current_account")
                .willReturn(json("{\"account_id\":\"dbid:1\",\"name\":{\"display_name\":\"Dana\"},"
                        + "\"email\":\"dana@example.com\"}")));
        var r = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(r.json().get("status").asString()).isEqualTo("connected");
        assertThat(r.json().get("account").asString()).isEqualTo("dana@example.com");
        STUB.verify(
                postRequestedFor(urlPathEqualTo("/2/users/get_current_account")).withHeader("Content-Type", absent()));
    }

    @Test
    void listsAFolderAcrossPages() {
        STUB.stubFor(rpc("files/list_folder")
                .willReturn(json("{\"entries\":[" + FOLDER + "],\"cursor\":\"c1\",\"has_more\":true}")));
        STUB.stubFor(rpc("files/list_folder/continue")
                .willReturn(json("{\"entries\":[" + FILE + "],\"cursor\":\"c2\",\"has_more\":false}")));
        JsonNode out = output("dropbox.list_folder", Map.of("path", "/", "recursive", true));
        STUB.verify(postRequestedFor(urlPathEqualTo("/2/files/list_folder"))
                .withRequestBody(equalToJson("{\"path\":\"\",\"recursive\":true,\"limit\":500}")));
        STUB.verify(postRequestedFor(urlPathEqualTo("/2/files/list_folder/continue"))
                .withRequestBody(equalToJson("{\"cursor\":\"c1\"}")));
        assertThat(out.get("entries")).hasSize(2);
        assertThat(out.at("/entries/0/kind").asString()).isEqualTo("folder");
        assertThat(out.at("/entries/1/path").asString()).isEqualTo("/Docs/notes.txt");
        assertThat(out.at("/entries/1/size").asLong()).isEqualTo(5);
        assertThat(out.get("cursor").asString()).isEqualTo("c2");
        assertThat(out.get("hasMore").asBoolean()).isFalse();

        var relative = run("dropbox.list_folder", Map.of("path", "Docs"));
        assertThat(relative.status()).isEqualTo(400);
        assertThat(relative.body()).contains("input.path");
    }

    @Test
    void aMissingFolderIsNotFoundNamingThePath() {
        STUB.stubFor(rpc("files/list_folder").willReturn(error(409, "path/not_found/..", "path")));
        var r = run("dropbox.list_folder", Map.of("path", "/Nope"));
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.json().get("detail").asString())
                .isEqualTo("path: the file or folder at this path (path/not_found/..) was not found");
        assertThat(r.json().get("field").asString()).isEqualTo("input.path");
    }

    @Test
    void downloadsFromTheContentEndpointWithHeaderSafeArguments() {
        STUB.stubFor(rpc("files/download")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/octet-stream")
                        .withHeader("Dropbox-API-Result", FILE.replace("notes.txt", "Caf\\u00e9.txt"))
                        .withBody("hello")));
        JsonNode out = output("dropbox.download", Map.of("path", "/Docs/Café.txt"));
        STUB.verify(postRequestedFor(urlPathEqualTo("/2/files/download"))
                .withHeader("Dropbox-API-Arg", equalTo("{\"path\":\"/Docs/Caf\\u00e9.txt\"}"))
                .withHeader("Content-Type", absent()));
        assertThat(new String(Base64.getDecoder().decode(out.get("base64").asString()), StandardCharsets.UTF_8))
                .isEqualTo("hello");
        assertThat(out.get("bytes").asLong()).isEqualTo(5);
        assertThat(out.at("/file/name").asString()).isEqualTo("Café.txt");
    }

    @Test
    void uploadsWithTheModeAndAConflictNamesThePath() {
        STUB.stubFor(rpc("files/upload").willReturn(json(FILE)));
        JsonNode out =
                output("dropbox.upload", Map.of("path", "/Docs/notes.txt", "text", "hello", "mode", "overwrite"));
        assertThat(out.get("rev").asString()).isEqualTo("a1c10ce0dd78");
        STUB.verify(postRequestedFor(urlPathEqualTo("/2/files/upload"))
                .withHeader(
                        "Dropbox-API-Arg",
                        equalTo("{\"path\":\"/Docs/notes.txt\",\"mode\":\"overwrite\",\"autorename\":false,"
                                + "\"mute\":false}"))
                .withHeader("Content-Type", equalTo("application/octet-stream"))
                .withRequestBody(binaryEqualTo("hello".getBytes(StandardCharsets.UTF_8))));

        STUB.stubFor(rpc("files/upload").willReturn(error(409, "path/conflict/file/...", "path")));
        var conflict = run("dropbox.upload", Map.of("path", "/Docs/notes.txt", "base64", "aGk="));
        assertThat(conflict.status()).isEqualTo(422);
        assertThat(conflict.json().get("detail").asString()).startsWith("path: something is already there");

        var both = run("dropbox.upload", Map.of("path", "/a.txt", "text", "x", "base64", "eA=="));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body()).contains("input.text");
    }

    @Test
    void sharingTwiceReturnsTheExistingLink() {
        STUB.stubFor(rpc("sharing/create_shared_link_with_settings")
                .willReturn(json("{\".tag\":\"file\",\"url\":\"https://www.dropbox.com/s/abc/notes.txt?dl=0\","
                        + "\"name\":\"notes.txt\",\"path_lower\":\"/docs/notes.txt\"}")));
        JsonNode first = output("dropbox.create_shared_link", Map.of("path", "/Docs/notes.txt"));
        assertThat(first.get("url").asString()).isEqualTo("https://www.dropbox.com/s/abc/notes.txt?dl=0");
        STUB.verify(postRequestedFor(urlPathEqualTo("/2/sharing/create_shared_link_with_settings"))
                .withRequestBody(equalToJson("{\"path\":\"/Docs/notes.txt\"}")));

        STUB.stubFor(rpc("sharing/create_shared_link_with_settings")
                .willReturn(error(409, "shared_link_already_exists/..", "shared_link_already_exists")));
        STUB.stubFor(rpc("sharing/list_shared_links")
                .willReturn(
                        json("{\"links\":[{\".tag\":\"file\",\"url\":\"https://www.dropbox.com/s/abc/notes.txt?dl=0\","
                                + "\"name\":\"notes.txt\",\"path_lower\":\"/docs/notes.txt\"}],\"has_more\":false}")));
        JsonNode again = output("dropbox.create_shared_link", Map.of("path", "/Docs/notes.txt"));
        assertThat(again.get("url").asString()).isEqualTo(first.get("url").asString());
        STUB.verify(postRequestedFor(urlPathEqualTo("/2/sharing/list_shared_links"))
                .withRequestBody(equalToJson("{\"path\":\"/Docs/notes.txt\",\"direct_only\":true}")));
    }

    @Test
    void searchesByNameAndExtension() {
        STUB.stubFor(rpc("files/search_v2")
                .willReturn(json("{\"matches\":[{\"match_type\":{\".tag\":\"filename\"},\"metadata\":{\".tag\":"
                        + "\"metadata\",\"metadata\":" + FILE + "}}],\"has_more\":true,\"cursor\":\"s1\"}")));
        JsonNode out =
                output("dropbox.search", Map.of("query", "notes", "path", "/Docs", "fileExtensions", List.of("txt")));
        STUB.verify(postRequestedFor(urlPathEqualTo("/2/files/search_v2"))
                .withRequestBody(equalToJson("{\"query\":\"notes\",\"options\":{\"path\":\"/Docs\",\"max_results\":20,"
                        + "\"file_status\":\"active\",\"file_extensions\":[\"txt\"]}}")));
        assertThat(out.at("/matches/0/name").asString()).isEqualTo("notes.txt");
        assertThat(out.get("cursor").asString()).isEqualTo("s1");

        STUB.stubFor(rpc("files/search/continue_v2").willReturn(json("{\"matches\":[],\"has_more\":false}")));
        JsonNode more = output("dropbox.search", Map.of("query", "notes", "cursor", "s1"));
        assertThat(more.get("hasMore").asBoolean()).isFalse();
        STUB.verify(postRequestedFor(urlPathEqualTo("/2/files/search/continue_v2"))
                .withRequestBody(equalToJson("{\"cursor\":\"s1\"}")));
    }

    @Test
    void rateLimitsAreRetriableAfterTheirDelay() {
        STUB.stubFor(rpc("files/search_v2")
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "30")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error_summary\":\"too_many_requests/..\",\"error\":{\"reason\":"
                                + "{\".tag\":\"too_many_requests\"},\"retry_after\":30}}")));
        var r = run("dropbox.search", Map.of("query", "x"));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("30");
    }

    @Test
    void withoutRetryAfterTheDelayInTheBodyIsHonoured() {
        STUB.stubFor(rpc("files/search_v2")
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error_summary\":\"too_many_write_operations/..\",\"error\":{\"reason\":"
                                + "{\".tag\":\"too_many_write_operations\"},\"retry_after\":4}}")));
        var body = run("dropbox.search", Map.of("query", "x"));
        assertThat(body.status()).isEqualTo(503);
        assertThat(body.header("Retry-After")).isEqualTo("4");
    }

    @Test
    void theContentHostIsBesideTheApiHost() {
        assertThat(DropboxApi.contentBase("https://api.dropboxapi.com/2"))
                .isEqualTo("https://content.dropboxapi.com/2");
        assertThat(DropboxApi.contentBase("http://localhost:8089/2")).isEqualTo("http://localhost:8089/2");
        // one request for the contract check after the test
        STUB.stubFor(rpc("users/get_current_account").willReturn(json("{\"email\":\"dana@example.com\"}")));
        users.as(user).post("/api/v1/connections/" + connection + "/test", null);
    }
}
