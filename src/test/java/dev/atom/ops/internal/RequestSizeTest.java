package dev.atom.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Request bodies past the size cap get a 413 that says so, whether they declare a length or not. */
class RequestSizeTest extends AppTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MIB = 1024 * 1024;
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> send(String path, String bearer, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(body);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends headers declaring a body of {@code declared} bytes and only its first bytes, then reads the
     * answer: the server must answer from the declaration alone (an HTTP client that insists on sending the
     * whole body fails on the closed connection instead of reading the 413). Bodies are one JSON object.
     */
    private String declare(String path, String bearer, long declared) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n")
                    + "Content-Length: " + declared + "\r\n\r\n{\"input\":";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // the server keeps the connection a while to swallow the body: read until the answer is whole
            StringBuilder raw = new StringBuilder();
            byte[] buffer = new byte[8192];
            InputStream in = socket.getInputStream();
            for (int n; (n = in.read(buffer)) > 0; ) {
                raw.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                int bodyStart = raw.indexOf("\r\n\r\n", raw.lastIndexOf("HTTP/1.1 "));
                if (bodyStart > 0 && raw.toString().strip().endsWith("}")) {
                    break;
                }
            }
            return raw.toString();
        }
    }

    private static int status(String raw) {
        String last = raw.substring(raw.lastIndexOf("HTTP/1.1 ")); // after any 100 Continue
        return Integer.parseInt(last.substring(9, 12));
    }

    private static JsonNode body(String raw) {
        return JSON.readTree(raw.substring(raw.indexOf("\r\n\r\n", raw.lastIndexOf("HTTP/1.1 ")) + 4));
    }

    /** A JSON object whose one string field makes it {@code bytes} long. */
    private static byte[] jsonOf(int bytes) {
        String head = "{\"input\":{\"blob\":\"";
        String tail = "\"}}";
        return (head + "x".repeat(bytes - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeAnythingElse() throws Exception {
        String r = declare("/api/v1/workflows/nothing-here/runs", null, 5 * MIB);
        assertThat(status(r)).as(r).isEqualTo(413);
        assertThat(r).contains("Content-Type: application/problem+json;charset=UTF-8");
        JsonNode problem = body(r);
        assertThat(problem.get("type").asString()).isEqualTo("https://atom.dev/problems/too-large");
        assertThat(problem.get("detail").asString())
                .isEqualTo("The request body has " + (5 * MIB) + " bytes; at most 4194304 are accepted here.");
        assertThat(problem.get("requestId").asString()).isNotBlank();
    }

    @Test
    void aBodyWithoutALengthIsCountedAsItIsRead() throws Exception {
        var user = new TestUsers(this::http).signUp("sizer");
        byte[] big = jsonOf(5 * MIB);
        // an input stream of unknown length is sent chunked
        var chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                new ByteArrayInputStream(big, 0, MIB), new ByteArrayInputStream(big, MIB, big.length - MIB)));
        var r = send("/api/v1/workflows", user.accessToken(), chunked);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(JSON.readTree(r.body()).get("detail").asString())
                .isEqualTo("The request body is larger than the 4194304 bytes accepted here.");
    }

    @Test
    void aBodyUnderTheCapGoesThrough() throws Exception {
        var user = new TestUsers(this::http).signUp("sizer2");
        InputStream small = new ByteArrayInputStream(JSON.writeValueAsBytes(Map.of("definition", Map.of())));
        var r = send("/api/v1/workflows", user.accessToken(), HttpRequest.BodyPublishers.ofInputStream(() -> small));
        assertThat(r.statusCode()).as("read and judged on its content").isEqualTo(400);
    }

    @Test
    void theOpenAiFaceTakesLargerBodiesAndAnswersInItsOwnShape() throws Exception {
        var user = new TestUsers(this::http).signUp("sizer3");
        var within = send(
                "/v1/chat/completions", user.accessToken(), HttpRequest.BodyPublishers.ofByteArray(jsonOf(5 * MIB)));
        assertThat(within.statusCode()).as(within.body()).isNotEqualTo(413);
        String over = declare("/v1/chat/completions", user.accessToken(), 33L * MIB);
        assertThat(status(over)).as(over).isEqualTo(413);
        JsonNode error = body(over).get("error");
        assertThat(error.get("code").asString()).isEqualTo("request_too_large");
        assertThat(error.get("type").asString()).isEqualTo("invalid_request_error");
    }
}
