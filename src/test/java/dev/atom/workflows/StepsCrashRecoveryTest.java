package dev.atom.workflows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.atom.testing.AtomProcess;
import dev.atom.testing.TestDatabases;
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
 * Atom as a child process, killed with -9: an approval waits across the restart and is decided after it; a
 * for_each killed mid-iteration resumes without redoing the iterations that finished. On SQLite, and on
 * PostgreSQL when configured.
 */
class StepsCrashRecoveryTest {
    private static final String APPROVE = """
            { "name": "Approve", "trigger": { "type": "manual" },
              "steps": [ { "id": "ask", "type": "approval", "message": "Ship {{ trigger.input.v }}?", "timeout": "P2D" },
                         { "id": "shipped", "type": "transform", "output": "{{ steps.ask.output.decision }}" } ] }
            """;
    private static final String EACH = """
            { "name": "Each", "trigger": { "type": "manual" },
              "steps": [ { "id": "loop", "type": "for_each", "items": "{{ trigger.input.items }}",
                           "steps": [ { "id": "call", "action": "http.request",
                                        "input": { "method": "POST", "url": "{{ trigger.input.base }}/item/{{ item }}" } } ] } ] }
            """;

    @TempDir
    Path dataDir;

    private WireMockServer wm;
    private final List<String> args = new ArrayList<>();

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
    @MethodSource("dev.atom.workflows.CrashRecoveryTest#databases")
    void anApprovalWaitsAcrossARestartAndIsDecidedAfterIt(String database) {
        useDatabase(database);
        String runId;
        TestUsers.User user;
        try (AtomProcess first = start()) {
            var users = new TestUsers(first::http);
            user = users.signUp("lena");
            var flows = new WorkflowTestSupport(users.as(user));
            runId = flows.start(flows.createAndPublish(APPROVE), Map.of("v", "1.2"));
            flows.awaitStatus(runId, "waiting");
            first.kill();
        }
        try (AtomProcess second = start()) {
            var api = second.http().bearer(user.accessToken());
            var flows = new WorkflowTestSupport(api);
            assertThat(flows.run(runId).get("status").asString()).isEqualTo("waiting");
            var pending = api.get("/api/v1/approvals").json().get("items");
            assertThat(pending.findValuesAsString("runId")).containsExactly(runId);
            assertThat(pending.get(0).get("message").asString()).isEqualTo("Ship 1.2?");
            var decided = api.post("/api/v1/runs/" + runId + "/approvals/ask", Map.of("decision", "approve"));
            assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
            var run = flows.awaitEnd(runId);
            assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
            assertThat(run.get("output").asString()).isEqualTo("approve");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.atom.workflows.CrashRecoveryTest#databases")
    void aForEachKilledMidIterationResumesWithoutRedoingFinishedIterations(String database) {
        wm.stubFor(post(urlPathMatching("/item/.*")).willReturn(aResponse().withStatus(200)));
        wm.stubFor(post("/item/3").willReturn(aResponse().withStatus(200).withFixedDelay(60_000)));
        useDatabase(database);
        String runId;
        TestUsers.User user;
        try (AtomProcess first = start()) {
            var users = new TestUsers(first::http);
            user = users.signUp("milo");
            var flows = new WorkflowTestSupport(users.as(user));
            runId = flows.start(
                    flows.createAndPublish(EACH), Map.of("items", List.of(0, 1, 2, 3, 4, 5), "base", wm.baseUrl()));
            awaitCalls("/item/3", 1);
            first.kill();
        }
        wm.stubFor(post("/item/3").willReturn(aResponse().withStatus(200)));
        try (AtomProcess second = start()) {
            var run = new WorkflowTestSupport(second.http().bearer(user.accessToken())).awaitEnd(runId);
            assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
            assertThat(run.get("output")).hasSize(6);
            assertThat(run.get("steps").findValuesAsString("id"))
                    .containsExactly(
                            "loop",
                            "loop[0].call",
                            "loop[1].call",
                            "loop[2].call",
                            "loop[3].call",
                            "loop[4].call",
                            "loop[5].call");
        }
        for (int i : new int[] {0, 1, 2, 4, 5}) {
            assertThat(calls("/item/" + i)).as("item %d called once", i).hasSize(1);
        }
        List<LoggedRequest> three = calls("/item/3");
        assertThat(three).as("the interrupted iteration's call is repeated").hasSize(2);
        assertThat(three.get(1).getHeader("Idempotency-Key"))
                .isEqualTo("atom-" + runId + "-loop[3].call")
                .isEqualTo(three.get(0).getHeader("Idempotency-Key"));
    }

    private void useDatabase(String database) {
        args.add("--atom.data-dir=" + dataDir);
        args.add("--atom.workflows.lease=PT2S");
        if (database.equals("postgresql")) {
            args.add("--atom.db.url=" + TestDatabases.newPostgresDatabase("atom_steps_crash_"));
            args.add("--atom.db.user=" + Objects.toString(TestDatabases.postgresUser(), ""));
            args.add("--atom.db.password=" + Objects.toString(TestDatabases.postgresPassword(), ""));
        }
    }

    private AtomProcess start() {
        return AtomProcess.start(dataDir.resolve("atom.log"), args);
    }

    private List<LoggedRequest> calls(String path) {
        return wm.findAll(postRequestedFor(urlEqualTo(path)));
    }

    private void awaitCalls(String path, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (calls(path).size() < count) {
            assertThat(Instant.now())
                    .as("waiting for %d calls to %s", count, path)
                    .isBefore(deadline);
            WorkflowTestSupport.sleep(20);
        }
    }
}
