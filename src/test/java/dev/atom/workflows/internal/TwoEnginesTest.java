package dev.atom.workflows.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.atom.AtomApplication;
import dev.atom.testing.RequiresPostgres;
import dev.atom.testing.TestDatabases;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Atom instances on one PostgreSQL database under load: both take work, every run is executed, no
 * step's call is made twice (no crash here, so exactly once each), and the cap on calls in flight per
 * connection ({@value #PER_CONNECTION}, here the workspace's {@code http.request}) holds across both.
 */
@RequiresPostgres
class TwoEnginesTest {
    private static final int RUNS = 200;
    private static final int PER_CONNECTION = 4;
    private static final String TWO_CALLS = """
            { "name": "Two calls", "trigger": { "type": "manual" },
              "steps": [
                { "id": "one", "action": "http.request", "input": { "method": "POST", "url": "{{ trigger.input.base }}/one" } },
                { "id": "two", "action": "http.request", "input": { "method": "POST", "url": "{{ trigger.input.base }}/two" } } ] }
            """;

    @TempDir
    Path dataDir;

    @Test
    void twoInstancesShareTheRunsAndExecuteEachExactlyOnce() throws Exception {
        WireMockServer wm = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(64));
        wm.start();
        wm.stubFor(post("/one").willReturn(aResponse().withStatus(200).withUniformRandomDelay(5, 40)));
        wm.stubFor(post("/two").willReturn(aResponse().withStatus(200).withUniformRandomDelay(5, 40)));
        String[] args = args(TestDatabases.newPostgresDatabase("atom_two_"));
        try (var first = new SpringApplicationBuilder(AtomApplication.class).run(args);
                var second = new SpringApplicationBuilder(AtomApplication.class).run(args)) {
            var users = new TestUsers(() -> http(first));
            var user = users.signUp("tess");
            String workflowId = new dev.atom.workflows.WorkflowTestSupport(users.as(user)).createAndPublish(TWO_CALLS);
            List<TestHttp> apis =
                    List.of(http(first).bearer(user.accessToken()), http(second).bearer(user.accessToken()));
            List<String> runIds = Collections.synchronizedList(new ArrayList<>());
            try (var pool = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < RUNS; i++) {
                    TestHttp api = apis.get(i % 2);
                    pool.submit(() -> {
                        var started = api.post(
                                "/api/v1/workflows/" + workflowId + "/runs",
                                Map.of("input", Map.of("base", wm.baseUrl())));
                        assertThat(started.status()).as(started.toString()).isEqualTo(202);
                        runIds.add(started.json().get("runId").asString());
                    });
                }
            }
            assertThat(runIds).hasSize(RUNS);
            awaitAllSucceeded(apis.getFirst(), workflowId);

            for (String path : List.of("/one", "/two")) {
                List<LoggedRequest> calls = wm.findAll(postRequestedFor(urlEqualTo(path)));
                var perKey = calls.stream()
                        .collect(Collectors.groupingBy(c -> c.getHeader("Idempotency-Key"), Collectors.counting()));
                assertThat(perKey).as(path + ": one call per run").hasSize(RUNS);
                assertThat(perKey.values()).as(path + ": no call twice").containsOnly(1L);
            }
            assertThat(mostInFlight(wm))
                    .as("calls in flight at once, across both instances")
                    .isLessThanOrEqualTo(PER_CONNECTION);
            long firstTurns = first.getBean(RunEngine.class).turnsTaken();
            long secondTurns = second.getBean(RunEngine.class).turnsTaken();
            assertThat(firstTurns).as("the first instance took work").isPositive();
            assertThat(secondTurns).as("the second instance took work").isPositive();
        } finally {
            wm.stop();
        }
    }

    /**
     * The most calls the stub was serving at one moment: each call spans [received, received + its serve
     * time) in whole milliseconds, which never makes calls that followed each other look overlapping.
     */
    private static int mostInFlight(WireMockServer wm) {
        List<long[]> edges = new ArrayList<>();
        for (var event : wm.getAllServeEvents()) {
            long start = event.getRequest().getLoggedDate().getTime();
            edges.add(new long[] {start, 1});
            edges.add(new long[] {start + event.getTiming().getTotalTime(), -1});
        }
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        int most = 0;
        for (long[] edge : edges) {
            now += (int) edge[1];
            most = Math.max(most, now);
        }
        return most;
    }

    private static void awaitAllSucceeded(TestHttp api, String workflowId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (true) {
            var page = api.get("/api/v1/runs?limit=200&workflow=" + workflowId)
                    .json()
                    .get("items");
            long done = 0;
            for (var run : page) {
                String status = run.get("status").asString();
                assertThat(status).as(run.toString()).isNotIn("failed", "cancelled");
                if (status.equals("succeeded")) {
                    done++;
                }
            }
            if (done == RUNS) {
                return;
            }
            assertThat(Instant.now()).as("%d of %d runs done", done, RUNS).isBefore(deadline);
            sleep(200);
        }
    }

    private String[] args(String url) {
        return new String[] {
            "--server.port=0",
            "--atom.data-dir=" + dataDir,
            "--atom.db.url=" + url,
            "--atom.db.user=" + Objects.toString(TestDatabases.postgresUser(), ""),
            "--atom.db.password=" + Objects.toString(TestDatabases.postgresPassword(), ""),
            "--atom.http.allow-hosts=localhost,127.0.0.1",
            "--atom.workflows.concurrency=16",
            "--atom.workflows.connection-concurrency=" + PER_CONNECTION
        };
    }

    private static TestHttp http(ConfigurableApplicationContext app) {
        return new TestHttp("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
