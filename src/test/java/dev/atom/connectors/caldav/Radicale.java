package dev.atom.connectors.caldav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Radicale (Debian's radicale package) for one test class: a free port, a temporary storage folder,
 * htpasswd users with plain passwords, started as a process and stopped after. When Radicale is not installed
 * the test fails and says which package to install: it is never skipped. {@code ATOM_TEST_RADICALE} overrides
 * the executable's path.
 */
final class Radicale implements AutoCloseable {
    private static final String EXECUTABLE = System.getenv().getOrDefault("ATOM_TEST_RADICALE", "/usr/bin/radicale");
    private final Process process;
    private final Path dir;
    final int port;

    private Radicale(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static Radicale start(Map<String, String> users) {
        return start(users, "owner_only");
    }

    /**
     * With Radicale's {@code [rights] type}: {@code owner_only} (its default: each user their own collections) or
     * {@code owner_write} (every user reads everyone's calendars, as on a team server, and writes only their own).
     */
    static Radicale start(Map<String, String> users, String rights) {
        assertThat(Files.isExecutable(Path.of(EXECUTABLE)))
                .as("the CalDAV tests run a real Radicale: install the Debian package 'radicale'"
                        + " (apt-get install radicale), or set ATOM_TEST_RADICALE to its executable")
                .isTrue();
        try {
            Path dir = Files.createTempDirectory("atom-radicale-");
            Files.writeString(
                    dir.resolve("users"),
                    users.entrySet().stream()
                            .map(e -> e.getKey() + ":" + e.getValue())
                            .collect(Collectors.joining("\n", "", "\n")));
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Files.writeString(dir.resolve("config"), """
                    [server]
                    hosts = 127.0.0.1:%d
                    [auth]
                    type = htpasswd
                    htpasswd_filename = %s
                    htpasswd_encryption = plain
                    [rights]
                    type = %s
                    [storage]
                    filesystem_folder = %s
                    [logging]
                    level = warning
                    """.formatted(
                            port, dir.resolve("users"), rights, dir.resolve("collections")));
            Process p = new ProcessBuilder(
                            EXECUTABLE, "--config", dir.resolve("config").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("log").toFile())
                    .start();
            Radicale radicale = new Radicale(p, dir, port);
            radicale.awaitUp();
            return radicale;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    private void awaitUp() throws IOException {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 200; i++) {
            try {
                client.send(
                        HttpRequest.newBuilder(URI.create(url())).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("radicale exited: " + Files.readString(dir.resolve("log")));
                }
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("radicale did not answer on port " + port);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A request as another CalDAV client would send it (the test's own setup: MKCALENDAR, raw PUTs). */
    HttpResponse<String> request(String user, String password, String method, String path, String body, String type) {
        try {
            var builder = HttpRequest.newBuilder(URI.create(url()).resolve(path))
                    .timeout(Duration.ofSeconds(10))
                    .header(
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (type != null) {
                builder.header("Content-Type", type);
            }
            return HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Makes a calendar collection named {@code name} (display name {@code display}) for {@code user}. */
    void mkcalendar(String user, String password, String name, String display) {
        var r = request(
                user,
                password,
                "MKCALENDAR",
                "/" + user + "/" + name + "/",
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><c:mkcalendar xmlns:d=\"DAV:\""
                        + " xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:set><d:prop><d:displayname>" + display
                        + "</d:displayname></d:prop></d:set></c:mkcalendar>",
                "application/xml");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
