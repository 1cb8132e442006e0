package dev.atom.workflows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.atom.testing.AtomProcess;
import dev.atom.testing.TestDatabases;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kill -9 while step 2 of the issue's "Three calls" workflow is calling a stub, start Atom again on the same
 * data: the run completes, step 1's call happened once, and step 2's repeated call carried the same
 * idempotency key. On SQLite, and on PostgreSQL when configured.
 */
class CrashRecoveryTest {
    @TempDir
    Path dataDir;

    private WireMockServer wm;
    private final List<String> args = new ArrayList<>();

    static List<String> databases() {
        List<String> databases = new ArrayList<>(List.of("sqlite"));
        if (TestDatabases.postgresConfigured()) {
            databases.add("postgresql");
        }
        return databases;
    }

    @BeforeEach
    void stub() {
        wm = new WireMockServer(wireMockConfig().dynamicPort());
        wm.start();
    }

    @AfterEach
    void stopStub() {
        wm.stop();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRunInterruptedMidCallCompletesAfterARestartWithTheSameIdempotencyKey(String database) {
        wm.stubFor(post("/one").willReturn(aResponse().withStatus(200)));
        wm.stubFor(post("/two").willReturn(aResponse().withStatus(200).withFixedDelay(60_000)));
        wm.stubFor(post("/three").willReturn(aResponse().withStatus(200)));
        useDatabase(database);

        String runId;
        TestUsers.User user;
        try (AtomProcess first = start()) {
            var users = new TestUsers(first::http);
            user = users.signUp("kim");
            var flows = new WorkflowTestSupport(users.as(user));
            String id = flows.createAndPublish(IssueExamplesTest.THREE_CALLS);
            runId = flows.start(id, Map.of("base", wm.baseUrl()));
            awaitCalls("/two", 1);
            first.kill();
        }
        wm.stubFor(post("/two").willReturn(aResponse().withStatus(200)));

        try (AtomProcess second = start()) {
            TestHttp api = second.http().bearer(user.accessToken());
            var run = new WorkflowTestSupport(api).awaitEnd(runId);
            assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
            assertThat(run.get("steps").get(1).get("attempts").asInt()).isEqualTo(2);
            assertThat(run.get("steps").get(1).get("attemptHistory").findValuesAsString("outcome"))
                    .as("the killed attempt is on record")
                    .containsExactly("interrupted", "succeeded");
        }
        assertThat(calls("/one")).as("step 1's side effect happened once").hasSize(1);
        List<LoggedRequest> two = calls("/two");
        assertThat(two).hasSize(2);
        assertThat(two.get(1).getHeader("Idempotency-Key"))
                .isNotBlank()
                .isEqualTo(two.get(0).getHeader("Idempotency-Key"));
        assertThat(calls("/three")).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aTimerSetBeforeAKillFiresAfterTheRestart(String database) {
        wm.stubFor(post("/after").willReturn(aResponse().withStatus(200)));
        useDatabase(database);
        String runId;
        TestUsers.User user;
        try (AtomProcess first = start()) {
            var users = new TestUsers(first::http);
            user = users.signUp("tim");
            var flows = new WorkflowTestSupport(users.as(user));
            String id = flows.createAndPublish("""
                    { "name": "Later", "trigger": { "type": "manual" },
                      "steps": [ { "id": "wait", "type": "delay", "duration": "PT4S" },
                                 { "id": "call", "action": "http.request",
                                   "input": { "method": "POST", "url": "{{ trigger.input.base }}/after" } } ] }
                    """);
            runId = flows.start(id, Map.of("base", wm.baseUrl()));
            flows.awaitStatus(runId, "waiting");
            first.kill();
        }
        assertThat(calls("/after")).isEmpty();
        try (AtomProcess second = start()) {
            var run = new WorkflowTestSupport(second.http().bearer(user.accessToken())).awaitEnd(runId);
            assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
            assertThat(run.get("steps").get(0).get("status").asString()).isEqualTo("succeeded");
        }
        assertThat(calls("/after")).hasSize(1);
    }

    /** The loop's database: PostgreSQL when configured (CI), else SQLite; each start costs seconds. */
    static List<String> loopDatabase() {
        return List.of(databases().getLast());
    }

    /**
     * Twenty kills at random moments while runs are in flight, then one last start: every run completes, and
     * a step's call is repeated only when a kill came between the two calls (the first one's outcome was
     * lost), always with the same idempotency key. Run on one database per build (twenty starts take
     * minutes); the single deterministic kill above runs on both.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("loopDatabase")
    void twentyKillsAtRandomMomentsLoseNoRunAndRepeatNoFinishedStep(String database) {
        for (String path : List.of("/one", "/two", "/three")) {
            wm.stubFor(post(path).willReturn(aResponse().withStatus(200).withUniformRandomDelay(0, 400)));
        }
        useDatabase(database);
        var random = new java.util.Random();
        List<String> runIds = new ArrayList<>();
        List<Instant> kills = new ArrayList<>();
        TestUsers.User user = null;
        String workflowId = null;
        for (int cycle = 0; cycle < 20; cycle++) {
            try (AtomProcess atom = start()) {
                var users = new TestUsers(atom::http);
                if (user == null) {
                    user = users.signUp("kai");
                    workflowId =
                            new WorkflowTestSupport(users.as(user)).createAndPublish(IssueExamplesTest.THREE_CALLS);
                }
                var flows = new WorkflowTestSupport(atom.http().bearer(user.accessToken()));
                for (int i = 0; i < 3; i++) {
                    runIds.add(flows.start(workflowId, Map.of("base", wm.baseUrl())));
                }
                WorkflowTestSupport.sleep(random.nextInt(1500));
                kills.add(Instant.now());
                atom.kill();
            }
        }
        try (AtomProcess last = start()) {
            var flows = new WorkflowTestSupport(last.http().bearer(user.accessToken()));
            for (String runId : runIds) {
                var run = flows.awaitEnd(runId);
                assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
            }
            var listed = last.http()
                    .bearer(user.accessToken())
                    .get("/api/v1/runs?limit=200")
                    .json()
                    .get("items");
            assertThat(listed.findValuesAsString("id")).containsExactlyInAnyOrderElementsOf(runIds);
        }
        Map<String, List<LoggedRequest>> byKey = new java.util.HashMap<>();
        for (String path : List.of("/one", "/two", "/three")) {
            calls(path)
                    .forEach(c -> byKey.computeIfAbsent(c.getHeader("Idempotency-Key"), k -> new ArrayList<>())
                            .add(c));
        }
        assertThat(byKey).as("one key per run and step").hasSize(runIds.size() * 3);
        for (var entry : byKey.entrySet()) {
            List<LoggedRequest> same = entry.getValue();
            same.sort(java.util.Comparator.comparing(LoggedRequest::getLoggedDate));
            for (int i = 1; i < same.size(); i++) {
                Instant before = same.get(i - 1).getLoggedDate().toInstant().minusMillis(5);
                Instant after = same.get(i).getLoggedDate().toInstant().plusMillis(5);
                assertThat(kills)
                        .as("call %d of %s was repeated without a kill in between", i + 1, entry.getKey())
                        .anyMatch(k -> k.isAfter(before) && k.isBefore(after));
            }
        }
    }

    void useDatabase(String database) {
        boolean postgres = database.equals("postgresql");
        args.add("--atom.data-dir=" + dataDir);
        args.add("--atom.workflows.lease=PT2S");
        if (postgres) {
            args.add("--atom.db.url=" + TestDatabases.newPostgresDatabase("atom_crash_"));
            args.add("--atom.db.user=" + Objects.toString(TestDatabases.postgresUser(), ""));
            args.add("--atom.db.password=" + Objects.toString(TestDatabases.postgresPassword(), ""));
        }
    }

    AtomProcess start() {
        return AtomProcess.start(dataDir.resolve("atom.log"), args);
    }

    List<LoggedRequest> calls(String path) {
        return wm.findAll(postRequestedFor(urlEqualTo(path)));
    }

    void awaitCalls(String path, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (calls(path).size() < count) {
            assertThat(Instant.now())
                    .as("waiting for %d calls to %s", count, path)
                    .isBefore(deadline);
            WorkflowTestSupport.sleep(20);
        }
    }
}
