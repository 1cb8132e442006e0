package dev.atom.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The app with connectors' base URLs pointed at one WireMock ({@link #STUB}), started once per JVM, so every
 * connector test shares this one Spring context. Each service is mounted under its own path prefix ({@link
 * #MOUNTS}: GitHub under {@code /api/v3}, as GitHub Enterprise serves it); the stub is reset before each test,
 * so {@link OpenApiContract#assertRequestsValid} sees only that test's requests. To add a service, add its
 * mount here.
 */
public abstract class StubbedServiceTestBase extends AppTestBase {
    public static final WireMockServer STUB = start();
    /** The base-URL setting of each stubbed connector and the path prefix it is served under. */
    protected static final Map<String, String> MOUNTS = Map.of(
            "ATOM_SLACK_BASE_URL",
            "/api",
            "ATOM_GITHUB_BASE_URL",
            "/api/v3",
            "ATOM_TRELLO_BASE_URL",
            "/1",
            // Google's hosts serve these paths (uploads beside Drive's, under /upload/drive/v3)
            "ATOM_GMAIL_BASE_URL",
            "",
            "ATOM_GOOGLE_CALENDAR_BASE_URL",
            "/calendar/v3",
            "ATOM_GOOGLE_DRIVE_BASE_URL",
            "/drive/v3");

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    /** Points the connectors at {@link #STUB}; a test that can't extend this class (a browser test) calls it. */
    @DynamicPropertySource
    public static void stubbedServices(DynamicPropertyRegistry registry) {
        MOUNTS.forEach((key, prefix) -> registry.add(key, () -> "http://localhost:" + STUB.port() + prefix));
        // GreenMail's TLS certificate is self-signed: accepted for this name only (127.0.0.1 stays checked)
        registry.add("ATOM_EMAIL_TRUST_HOSTS", () -> "localhost");
    }

    @BeforeEach
    void resetStub() {
        STUB.resetAll();
    }
}
