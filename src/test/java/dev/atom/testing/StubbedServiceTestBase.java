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
 * so {@link OpenApiContract#assertRequestsValid} sees only that test's requests. A new connector's test declares
 * its own mount with {@link StubMount} (and extends {@link ConnectorContractTestBase}); {@link #MOUNTS} holds
 * the services from before, until they are moved (then it goes).
 */
public abstract class StubbedServiceTestBase extends AppTestBase {
    public static final WireMockServer STUB = start();
    /** The base-URL setting of each stubbed connector and the path prefix it is served under. */
    protected static final Map<String, String> MOUNTS = Map.of();

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
        StubMounts.PATHS.forEach((key, prefix) -> {
            if (MOUNTS.containsKey(key)) {
                throw new IllegalStateException(key + " is in MOUNTS and in a @StubMount: keep the @StubMount");
            }
            registry.add(key, () -> "http://localhost:" + STUB.port() + prefix);
        });
        StubMounts.SETTINGS.forEach((key, value) -> registry.add(key, () -> value));

        // GreenMail's TLS certificate is self-signed: accepted for this name only (127.0.0.1 stays checked)
        registry.add("ATOM_EMAIL_TRUST_HOSTS", () -> "localhost");
    }

    @BeforeEach
    void resetStub() {
        STUB.resetAll();
    }

    /**
     * Asana, and Atlassian's cloud gateway that Jira OAuth connections call (Jira sites with basic or token auth
     * are the user's "site" credential), mounted apart from {@link #MOUNTS}, whose Map.of holds ten pairs.
     */
    /** Mails and messages go at once, so tests of what they send need not wait (ActionRunsTest has a delay). */
    @DynamicPropertySource
    static void noSendDelay(DynamicPropertyRegistry registry) {
        registry.add("atom.assistant.send-delay", () -> "0s");
    }

    @DynamicPropertySource
    static void workTrackers(DynamicPropertyRegistry registry) {
        registry.add("ATOM_JIRA_BASE_URL", () -> "http://localhost:" + STUB.port() + "/atl");
    }
}
