package dev.atom.connectors.googledrive;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.atom.connectors.google.GoogleTestBase;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@StubMount(property = "ATOM_GOOGLE_DRIVE_BASE_URL", path = "/drive/v3")
class GoogleDriveConnectorTest extends GoogleTestBase {
    private static final String FILES = "/drive/v3/files";
    private static final String UPLOAD = "/upload/drive/v3/files";
    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\\S+)");

    @Override
    protected Set<String> expectedActions() {
        return actions("google-drive.search", "google-drive.download", "google-drive.upload", "google-drive.share");
    }

    /** What the catalog tells the engine and the assistant: which actions write, how a retry is safe, how to connect. */
    @Test
    void catalogFacts() {
        assertThat(retryFacts())
                .isEqualTo(Map.of(
                        "google-drive.search", "reads natural",
                        "google-drive.download", "reads natural",
                        "google-drive.upload", "writes none",
                        "google-drive.share", "writes natural"));
        assertThat(authKinds()).containsExactly("oauth2");
        assertThat(catalogEntry().at("/auth/pkce").asBoolean()).isTrue();
        assertThat(catalogEntry().at("/auth/scopes"))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.asString()).startsWith("https://www.googleapis.com/auth/"));
        assertThat(triggerKinds()).isEmpty();
    }

    @Override
    protected String connectorId() {
        return "google-drive";
    }

    /**
     * The description has no /upload paths: an upload is checked as files.create (its path and query) with
     * its metadata part as the File body, which is what Drive's upload endpoint reads from that part.
     */
    @Override
    protected OpenApiContract contract() {
        return OpenApiContract.strict("google-drive.json", "json-create", spec -> {
            ObjectNode content = (ObjectNode) OpenApiContract.operation(spec, "/files", "post")
                    .path("requestBody")
                    .path("content");
            content.set("application/json", content.get("application/octet-stream"));
        });
    }

    /** Uploads go to Google's upload path: their metadata part is checked as the files.create body it is. */
    @Override
    protected void checkOutsideTheMount(List<LoggedRequest> requests) {
        List<String> problems = new ArrayList<>();
        for (LoggedRequest r : requests) {
            assertThat(r.getUrl()).startsWith(UPLOAD);
            String metadata = parts(r).getFirst().split("\r\n\r\n", 2)[1];
            problems.addAll(contract()
                    .violations("POST", r.getUrl().substring("/upload".length()), "application/json", metadata));
        }
        assertThat(problems).isEmpty();
    }

    /** The parts of a multipart/related body, each with its headers. */
    private static List<String> parts(LoggedRequest r) {
        Matcher m = BOUNDARY.matcher(r.getHeader("Content-Type"));
        assertThat(m.find()).isTrue();
        String body = r.getBodyAsString();
        String delimiter = "--" + m.group(1);
        assertThat(body).startsWith(delimiter + "\r\n").endsWith("\r\n" + delimiter + "--\r\n");
        List<String> out = new ArrayList<>();
        for (String part : body.substring(0, body.length() - (delimiter + "--\r\n").length())
                .split(Pattern.quote(delimiter + "\r\n"))) {
            if (!part.isEmpty()) {
                out.add(part.endsWith("\r\n") ? part.substring(0, part.length() - 2) : part);
            }
        }
        return out;
    }

    private static String file(String id, String name, String mimeType, Long size) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"mimeType\":\"" + mimeType + "\""
                + (size == null ? "" : ",\"size\":\"" + size + "\"") + ",\"parents\":[\"root\"]}";
    }

    @Test
    void healthIsAboutTheUser() {
        WM.stubFor(get(urlPathEqualTo("/drive/v3/about"))
                .withQueryParam("fields", equalTo("user"))
                .willReturn(json("{\"user\":{\"displayName\":\"Gina\",\"emailAddress\":\"gina@example.com\"}}")));
        var r = test();
        assertThat(r.json().get("status").asString()).isEqualTo("connected");
        assertThat(r.json().get("account").asString()).isEqualTo("gina@example.com");
    }

    @Test
    void searchPassesTheQueryAndReadsFiles() {
        WM.stubFor(get(urlPathEqualTo(FILES))
                .withQueryParam("q", equalTo("name contains 'invoice' and trashed = false"))
                .withQueryParam("pageSize", equalTo("5"))
                .willReturn(json("{\"files\":[" + file("f1", "invoice.pdf", "application/pdf", 1234L)
                        + "],\"nextPageToken\":\"n2\"}")));
        JsonNode out = output(
                "google-drive.search", Map.of("q", "name contains 'invoice' and trashed = false", "pageSize", 5));
        assertThat(out.get("files").get(0).get("size").asLong()).isEqualTo(1234);
        assertThat(out.get("files").get(0).get("parents").get(0).asString()).isEqualTo("root");
        assertThat(out.get("nextPageToken").asString()).isEqualTo("n2");
    }

    @Test
    void downloadReturnsBinaryAsBase64AndTextAsText() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        WM.stubFor(get(urlPathEqualTo(FILES + "/img"))
                .withQueryParam("alt", absent())
                .willReturn(json(file("img", "a.png", "image/png", (long) png.length))));
        WM.stubFor(get(urlPathEqualTo(FILES + "/img"))
                .withQueryParam("alt", equalTo("media"))
                .willReturn(aResponse().withBody(png)));
        WM.stubFor(get(urlPathEqualTo(FILES + "/txt"))
                .withQueryParam("alt", absent())
                .willReturn(json(file("txt", "a.txt", "text/plain", 6L))));
        WM.stubFor(get(urlPathEqualTo(FILES + "/txt"))
                .withQueryParam("alt", equalTo("media"))
                .willReturn(aResponse().withBody("Grüße".getBytes(StandardCharsets.UTF_8))));
        JsonNode img = output("google-drive.download", Map.of("fileId", "img"));
        assertThat(Base64.getDecoder().decode(img.get("base64").asString())).isEqualTo(png);
        assertThat(img.get("text").isNull()).isTrue();
        JsonNode txt = output("google-drive.download", Map.of("fileId", "txt"));
        assertThat(txt.get("text").asString()).isEqualTo("Grüße");
        assertThat(txt.get("bytes").asLong()).isEqualTo(7);
    }

    @Test
    void googleDocsAreExported() {
        WM.stubFor(get(urlPathEqualTo(FILES + "/doc"))
                .willReturn(json(file("doc", "Plan", "application/vnd.google-apps.document", null))));
        WM.stubFor(get(urlPathEqualTo(FILES + "/doc/export"))
                .withQueryParam("mimeType", equalTo("text/plain"))
                .willReturn(aResponse().withBody("The plan")));
        JsonNode out = output("google-drive.download", Map.of("fileId", "doc"));
        assertThat(out.get("contentType").asString()).isEqualTo("text/plain");
        assertThat(out.get("text").asString()).isEqualTo("The plan");
    }

    @Test
    void aFileOverTheCapIsRefusedBeforeItIsDownloaded() {
        WM.stubFor(get(urlPathEqualTo(FILES + "/big"))
                .willReturn(json(file("big", "big.iso", "application/octet-stream", 50L << 20))));
        var r = run("google-drive.download", Map.of("fileId", "big"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("detail").asString()).contains("more than");
        WM.verify(0, getRequestedFor(urlPathEqualTo(FILES + "/big")).withQueryParam("alt", equalTo("media")));
    }

    @Test
    void aFolderHasNothingToDownloadAndAMissingFileNamesTheField() {
        WM.stubFor(get(urlPathEqualTo(FILES + "/dir"))
                .willReturn(json(file("dir", "Stuff", "application/vnd.google-apps.folder", null))));
        WM.stubFor(get(urlPathEqualTo(FILES + "/nope")).willReturn(error(404, "notFound", "File not found: nope.")));
        var folder = run("google-drive.download", Map.of("fileId", "dir"));
        assertThat(folder.status()).isEqualTo(400);
        assertThat(folder.body()).contains("input.fileId");
        var missing = run("google-drive.download", Map.of("fileId", "nope"));
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString()).isEqualTo("fileId: the file was not found");
        assertThat(missing.json().get("field").asString()).isEqualTo("input.fileId");
    }

    @Test
    void uploadSendsMetadataAndContentAsMultipartRelated() {
        WM.stubFor(post(urlPathEqualTo(UPLOAD))
                .withQueryParam("uploadType", equalTo("multipart"))
                .willReturn(json(file("new1", "notes.txt", "text/plain", 12L))));
        JsonNode out = output(
                "google-drive.upload",
                Map.of("name", "notes.txt", "text", "Hallo Jürgen", "parents", List.of("folder1")));
        assertThat(out.get("id").asString()).isEqualTo("new1");
        LoggedRequest sent =
                WM.findAll(postRequestedFor(urlPathEqualTo(UPLOAD))).getFirst();
        assertThat(sent.getHeader("Content-Type")).startsWith("multipart/related; boundary=");
        List<String> parts = parts(sent);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).startsWith("Content-Type: application/json; charset=UTF-8\r\n\r\n");
        assertThat(parts.get(0).split("\r\n\r\n", 2)[1])
                .isEqualTo("{\"name\":\"notes.txt\",\"parents\":[\"folder1\"]}");
        assertThat(parts.get(1)).isEqualTo("Content-Type: text/plain; charset=UTF-8\r\n\r\nHallo Jürgen");
    }

    @Test
    void uploadNeedsExactlyOneKindOfContent() {
        var none = run("google-drive.upload", Map.of("name", "x"));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("input.text");
        var bad = run("google-drive.upload", Map.of("name", "x", "base64", "***"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("input.base64");
        WM.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void shareCreatesAPermission() {
        WM.stubFor(post(urlPathEqualTo(FILES + "/f1/permissions"))
                .withQueryParam("sendNotificationEmail", equalTo("false"))
                .withRequestBody(
                        equalToJson("{\"role\":\"writer\",\"type\":\"user\",\"emailAddress\":\"ann@example.com\"}"))
                .willReturn(json("{\"id\":\"p1\",\"role\":\"writer\",\"type\":\"user\"}")));
        WM.stubFor(post(urlPathEqualTo(FILES + "/f2/permissions"))
                .withQueryParam("sendNotificationEmail", absent())
                .withRequestBody(equalToJson("{\"role\":\"reader\",\"type\":\"anyone\"}"))
                .willReturn(json("{\"id\":\"anyoneWithLink\",\"role\":\"reader\",\"type\":\"anyone\"}")));
        JsonNode user = output(
                "google-drive.share",
                Map.of(
                        "fileId",
                        "f1",
                        "role",
                        "writer",
                        "type",
                        "user",
                        "emailAddress",
                        "ann@example.com",
                        "sendNotificationEmail",
                        false));
        assertThat(user.get("permissionId").asString()).isEqualTo("p1");
        JsonNode anyone = output("google-drive.share", Map.of("fileId", "f2", "role", "reader", "type", "anyone"));
        assertThat(anyone.get("type").asString()).isEqualTo("anyone");
        var noEmail = run("google-drive.share", Map.of("fileId", "f1", "role", "reader", "type", "user"));
        assertThat(noEmail.status()).isEqualTo(400);
        assertThat(noEmail.body()).contains("input.emailAddress");
    }
}
