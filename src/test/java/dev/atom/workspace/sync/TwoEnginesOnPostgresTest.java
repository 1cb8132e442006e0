package dev.atom.workspace.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.internal.TestOAuthConnections;
import dev.atom.testing.PostgresAppTestBase;
import dev.atom.testing.StubMount;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestUsers;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two sync engines (two instances' worth: each its own lease owner) on one PostgreSQL database, started on the same
 * due connection at once while Dropbox answers slowly: only one lists the Dropbox; the other finds the connection
 * leased (or, if it comes after, nothing due).
 */
@StubMount(property = "ATOM_DROPBOX_BASE_URL", path = "/2")
class TwoEnginesOnPostgresTest extends PostgresAppTestBase {
    private static final WireMockServer STUB = StubbedServiceTestBase.STUB;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        StubbedServiceTestBase.stubbedServices(registry);
        registry.add("atom.http.allow-hosts", () -> "localhost,127.0.0.1"); // the stub listens on the loopback
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    SyncEngine engine;

    @Autowired
    Connectors connectors;

    @Autowired
    SyncFeedRepository feeds;

    @Autowired
    SyncLeaseRepository leases;

    @Autowired
    SyncStores stores;

    @Autowired
    SyncProperties properties;

    @Autowired
    Clock clock;

    @Test
    void neverSyncOneConnectionAtOnce() throws Exception {
        var user = new TestUsers(this::http).signUp("pg-sync");
        String connection = new TestOAuthConnections(context).create(user.workspaceId(), user.id(), "dropbox", "tok");
        STUB.resetAll();
        STUB.stubFor(post(urlPathEqualTo("/2/files/list_folder"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withFixedDelay(1500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"entries\":[],\"cursor\":\"c1\",\"has_more\":false}")));
        var other = new SyncEngine(connectors, feeds, leases, stores, properties, clock);
        assertThat(other.owner()).isNotEqualTo(engine.owner());
        feeds.runSoon(user.workspaceId(), connection, clock.instant());
        CountDownLatch start = new CountDownLatch(1);
        try (var threads = Executors.newFixedThreadPool(2)) {
            List<Callable<Boolean>> both = List.of(
                    () -> {
                        start.await();
                        return engine.syncConnection(user.workspaceId(), connection);
                    },
                    () -> {
                        start.await();
                        return other.syncConnection(user.workspaceId(), connection);
                    });
            List<Future<Boolean>> results = both.stream().map(threads::submit).toList();
            start.countDown();
            for (Future<Boolean> f : results) {
                f.get();
            }
        }
        assertThat(feeds.find(user.workspaceId(), connection, "dropbox.files"))
                .hasValueSatisfying(f -> assertThat(f.lastError()).isNull());
        STUB.verify(1, postRequestedFor(urlPathEqualTo("/2/files/list_folder")));
        assertThat(feeds.find(user.workspaceId(), connection, "dropbox.files")
                        .orElseThrow()
                        .cursor())
                .isEqualTo("c1");
    }
}
