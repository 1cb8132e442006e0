package dev.atom.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The app with connectors' base URLs pointed at one WireMock ({@link #STUB}), started once per JVM, so every
 * connector test shares this one Spring context. Each service is mounted under its own path prefix by the
 * {@link StubMount}s its tests declare (GitHub under {@code /api/v3}, as GitHub Enterprise serves it), with
 * fixed settings from {@link StubSetting}s; the stub is reset before each test, so a contract check sees only
 * that test's requests. A connector's test extends {@link ConnectorContractTestBase}; any other test that calls a
 * service declares the mounts it needs the same way.
 */
public abstract class StubbedServiceTestBase extends AppTestBase {
    public static final WireMockServer STUB = start();

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    /** Points the connectors at {@link #STUB}; a test that can't extend this class (a browser test) calls it. */
    @DynamicPropertySource
    public static void stubbedServices(DynamicPropertyRegistry registry) {
        StubMounts.PATHS.forEach((key, prefix) -> registry.add(key, () -> "http://localhost:" + STUB.port() + prefix));
        StubMounts.SETTINGS.forEach((key, value) -> registry.add(key, () -> value));

        // GreenMail's TLS certificate is self-signed: accepted for this name only (127.0.0.1 stays checked)
        registry.add("ATOM_EMAIL_TRUST_HOSTS", () -> "localhost");
    }

    @BeforeEach
    void resetStub() {
        STUB.resetAll();
    }

    /** Mails and messages go at once, so tests of what they send need not wait (ActionRunsTest has a delay). */
    @DynamicPropertySource
    static void noSendDelay(DynamicPropertyRegistry registry) {
        registry.add("atom.assistant.send-delay", () -> "0s");
    }
}
