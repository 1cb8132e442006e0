package dev.atom.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts Atom in its own JVM with {@code ATOM_LOG_FORMAT=json} (the logging system is global to a JVM, so
 * this cannot share the test JVM) and checks that every line on stdout is a JSON object and that a request's
 * line carries its request id.
 */
class JsonLogsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void jsonLogLinesCarryTheRequestId() throws Exception {
        Path dataDir = Files.createTempDirectory("atom-json-logs-");
        String java = ProcessHandle.current().info().command().orElse("java");
        var builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.atom.AtomApplication")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("ATOM_LOG_FORMAT", "json");
        builder.environment().put("ATOM_PORT", "0");
        builder.environment().put("ATOM_DATA_DIR", dataDir.toString());
        builder.environment().put("ATOM_DB_URL", "");
        builder.environment().put("LOGGING_LEVEL_DEV_ATOM_OPS", "debug");
        process = builder.start();
        Thread.ofVirtual().start(this::readStdout);

        // liveness is BROKEN until the application has started, which is after Tomcat has
        await(line -> line.path("message").asString("").startsWith("Started AtomApplication"));
        JsonNode tomcat =
                await(line -> PORT.matcher(line.path("message").asString("")).find());
        Matcher port = PORT.matcher(tomcat.get("message").asString());
        assertThat(port.find()).isTrue();

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port.group(1) + "/actuator/health/liveness"))
                                .header("X-Request-Id", "json-log-7")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        JsonNode requestLine = await(line -> line.path("message").asString("").contains("/actuator/health/liveness"));
        assertThat(requestLine.get("requestId").asString()).isEqualTo("json-log-7");
        assertThat(requestLine.has("@timestamp")).isTrue();
        assertThat(requestLine.at("/log/level").asString())
                .as(requestLine.toString())
                .isEqualTo("DEBUG");
        for (String line : lines) {
            assertThat(JSON.readTree(line).isObject()).as(line).isTrue();
        }
    }

    private void readStdout() {
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.isBlank()).forEach(lines::add);
        } catch (Exception e) {
            // the process ended; the assertions report what is missing
        }
    }

    /** The first stdout line that is a JSON object matching the predicate; fails on a line that is not JSON. */
    private JsonNode await(Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                JsonNode node = JSON.readTree(line);
                if (wanted.test(node)) {
                    return node;
                }
            }
            if (!process.isAlive()) {
                fail("Atom exited with " + process.exitValue() + "; output:\n" + String.join("\n", lines));
            }
            Thread.sleep(100);
        }
        return fail("no matching log line in 120 s; output:\n" + String.join("\n", lines));
    }
}
