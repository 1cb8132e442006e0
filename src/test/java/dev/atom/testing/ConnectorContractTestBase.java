package dev.atom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.atom.connectors.Action;
import dev.atom.connectors.Connector;
import dev.atom.connectors.Connectors;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

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

    /**
     * The path the API is served under on the stub: the {@link StubMount} for the API's setting on this class or
     * a superclass (a service's shared test base, as Outlook's, declares it once).
     */
    protected final String apiMount() {
        for (Class<?> c = getClass(); c != null; c = c.getSuperclass()) {
            for (StubMount m : c.getAnnotationsByType(StubMount.class)) {
                if (m.property().equals(apiMountProperty())) {
                    return m.path();
                }
            }
        }
        return null;
    }

    /**
     * The part of a request's path the API description's paths lack, cut before checking: the mount, unless the
     * description's paths carry it (Google's have {@code /calendar/v3/...}: those tests answer "").
     */
    protected String apiPathPrefix() {
        return requestPrefix();
    }

    /**
     * The path prefix on the stub under which the connector's requests are checked: its mount, unless it calls
     * an address the user gives instead of a setting (a Jira site's URL, pointed at the stub by the test).
     */
    protected String requestPrefix() {
        return apiMount();
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
        String mount = requestPrefix();
        if (mount == null || !apiDescription().checks()) {
            return;
        }
        List<LoggedRequest> requests = STUB.getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .filter(r -> URI.create(r.getUrl()).getRawPath().startsWith(mount))
                .toList();
        AtomicInteger checked = CHECKED.computeIfAbsent(getClass(), c -> new AtomicInteger());
        apiDescription().assertRequestsValid(requests, apiPathPrefix());
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

    /** The connector's entry in {@code GET /api/v1/connectors}, as a new member of a new workspace sees it. */
    protected final JsonNode catalogEntry() {
        var users = new TestUsers(this::http);
        JsonNode catalog = users.as(users.signUp(connectorId().replace("-", "") + "cat"))
                .get("/api/v1/connectors")
                .json();
        for (JsonNode c : catalog) {
            if (c.get("id").asString().equals(connectorId())) {
                return c;
            }
        }
        throw new AssertionError(connectorId() + " is not in the catalog");
    }

    /**
     * Each action's id to whether it writes and how a retry is made safe, as the catalog tells the workflow
     * engine and the assistant ({@code "writes none"}, {@code "reads natural"}, {@code "writes key"}).
     */
    protected final Map<String, String> retryFacts() {
        Map<String, String> facts = new TreeMap<>();
        for (JsonNode a : catalogEntry().get("actions")) {
            facts.put(
                    a.get("id").asString(),
                    (a.get("writes").asBoolean() ? "writes " : "reads ")
                            + a.get("idempotency").asString());
        }
        return facts;
    }

    /** The kinds of the connector's ways to connect, preferred first ({@code api_key}, {@code oauth2}...). */
    protected final List<String> authKinds() {
        List<String> kinds = new ArrayList<>();
        catalogEntry().get("auths").forEach(a -> kinds.add(a.get("kind").asString()));
        return kinds;
    }

    /** Each trigger's id and kind ({@code "outlook.new_mail polling"}). */
    protected final List<String> triggerKinds() {
        List<String> out = new ArrayList<>();
        catalogEntry()
                .get("triggers")
                .forEach(t ->
                        out.add(t.get("id").asString() + " " + t.get("kind").asString()));
        return out;
    }

    /** The action ids as a set, for {@link #expectedActions()}. */
    protected static Set<String> actions(String... ids) {
        return Set.of(ids);
    }
}
