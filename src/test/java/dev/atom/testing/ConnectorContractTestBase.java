package dev.atom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.atom.connectors.Action;
import dev.atom.connectors.Connector;
import dev.atom.connectors.Connectors;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What every connector's test ({@code <Service>ConnectorTest}) extends: the whole app against the shared
 * WireMock, with the connector's facts declared in the test itself, so a new connector is its package plus
 * this test and nothing else changes:
 *
 * <pre>{@code
 * @StubMount(property = "ATOM_TRELLO_BASE_URL", path = "/1")
 * class TrelloConnectorTest extends ConnectorContractTestBase {
 *     protected String connectorId() { return "trello"; }
 *     protected Set<String> expectedActions() { return Set.of("trello.list_boards", ...); }
 *     protected ApiDescription apiDescription() { return ApiDescription.openApi(OpenApiContract.of("trello.json")); }
 *     @Test void createsACard() { ... }
 * }
 * }</pre>
 *
 * It checks that the connector is registered with exactly the expected actions, that the test mounts the
 * connector's {@code ATOM_<ID>_BASE_URL} on the stub, and after each test that every request the connector
 * sent under that mount is one the service's published description accepts ({@link ApiDescription}); a test
 * class whose tests sent no request at all fails, since then nothing was checked. Each action must also be
 * called by some test ({@code ConnectorActionCoverageTest}).
 */
public abstract class ConnectorContractTestBase extends StubbedServiceTestBase {
    private static final Map<Class<?>, AtomicInteger> CHECKED = new ConcurrentHashMap<>();

    @Autowired
    protected Connectors connectors;

    /** The connector's id ({@code trello}). */
    protected abstract String connectorId();

    /** Every action id the connector registers, no more and no fewer. */
    protected abstract Set<String> expectedActions();

    /** The service's published description its requests are checked against. */
    protected abstract ApiDescription apiDescription();

    /** The setting the API is mounted by; {@code ATOM_<ID>_BASE_URL} unless a connector says otherwise. */
    protected String apiMountProperty() {
        return "ATOM_" + connectorId().toUpperCase(Locale.ROOT).replace('-', '_') + "_BASE_URL";
    }

    /** The path the API is served under on the stub (this class's {@link StubMount} for the API's setting). */
    protected final String apiMount() {
        return Arrays.stream(getClass().getAnnotationsByType(StubMount.class))
                .filter(m -> m.property().equals(apiMountProperty()))
                .map(StubMount::path)
                .findFirst()
                .orElse(null);
    }

    @Test
    void registersExactlyTheExpectedActionsAndMountsItsApi() {
        Connector connector = connectors.connector(connectorId()).orElse(null);
        assertThat(connector).as("connector '%s' is registered", connectorId()).isNotNull();
        assertThat(connector.actions().stream().map(Action::id).toList())
                .as("the actions of %s", connectorId())
                .containsExactlyInAnyOrderElementsOf(expectedActions());
        if (apiDescription().checks()) {
            assertThat(apiMount())
                    .as(
                            "@StubMount(property = \"%s\", path = ...) on %s",
                            apiMountProperty(), getClass().getSimpleName())
                    .isNotNull();
        }
    }

    @AfterEach
    void everyRequestIsOneTheServiceAccepts() {
        String mount = apiMount();
        if (mount == null || !apiDescription().checks()) {
            return;
        }
        List<LoggedRequest> requests = STUB.getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .filter(r -> URI.create(r.getUrl()).getRawPath().startsWith(mount))
                .toList();
        AtomicInteger checked = CHECKED.computeIfAbsent(getClass(), c -> new AtomicInteger());
        apiDescription().assertRequestsValid(requests, mount);
        checked.addAndGet(requests.size());
    }

    @AfterAll
    static void someRequestWasChecked(TestInfo info) {
        Class<?> test = info.getTestClass().orElseThrow();
        AtomicInteger checked = CHECKED.remove(test);
        if (checked != null) { // null: no description to check against (ApiDescription.none)
            assertThat(checked.get())
                    .as(
                            "requests of %s checked against the API description (none reached the stub)",
                            test.getSimpleName())
                    .isPositive();
        }
    }

    /** The action ids as a set, for {@link #expectedActions()}. */
    protected static Set<String> actions(String... ids) {
        return Set.of(ids);
    }
}
