package dev.atom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Starts the whole application on a random port against a fresh SQLite database in a temporary data
 * directory. Every subclass shares one Spring context (same configuration), so tests must create their
 * own users and workspaces rather than rely on an empty database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AppTestBase {
    protected static final Path DATA_DIR = tempDir();
    /** The host provider stubs are reached at from AI keys' base URLs (allowed for tests only, below). */
    protected static final String WIREMOCK_HOST = "127.0.0.1";

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void atomProperties(DynamicPropertyRegistry registry) {
        registry.add("atom.data-dir", DATA_DIR::toString);
        registry.add("atom.db.url", () -> "");
        // Provider stubs (WireMock) listen on the loopback; user-supplied URLs may reach it only when allowed.
        registry.add("atom.http.allow-hosts", () -> "localhost,127.0.0.1");
        // tests drive the sync engine themselves: no background sync of the connections they make
        registry.add("atom.workspace.sync.scheduler", () -> "false");
        // and the scheduled credential check (CredentialHealthTest drives it with its own clock)
        registry.add("atom.connectors.health.scheduler", () -> "false");
    }

    protected TestHttp http() {
        return new TestHttp("http://localhost:" + port);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("atom-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
