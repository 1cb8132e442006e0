package dev.atom.workflows;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.function.Predicate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The "a schedule missed during downtime follows its catch-up policy", with a real stop: two schedules
 * fire every two seconds, Atom is killed (-9) and stays down for several slots, then starts again on the same
 * data. {@code run_once} fires exactly one catch-up run that says how many slots were missed; {@code skip}
 * fires none; both go on firing on time. The grace after which a slot counts as missed is three seconds here
 * (a minute by default). On SQLite, and on PostgreSQL when configured.
 */
class ScheduleCatchUpTest {
    private static final Duration EVERY = Duration.ofSeconds(2);

    @TempDir
    Path dataDir;

    private final List<String> args = new ArrayList<>();

    private static String schedule(String name, String catchUp) {
        return """
                { "name": "%s", "trigger": { "type": "schedule", "cron": "*/2 * * * * *", "catchUp": "%s" },
                  "steps": [ { "id": "s", "type": "transform", "output": "{{ trigger.scheduledFor }}" } ] }
                """.formatted(name, catchUp);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.atom.workflows.CrashRecoveryTest#databases")
    void aScheduleMissedDuringDowntimeFollowsItsCatchUpPolicy(String database) {
        useDatabase(database);
        TestUsers.User user;
        String once;
        String skip;
        Instant killedAt;
        try (AtomProcess first = start()) {
            var users = new TestUsers(first::http);
            user = users.signUp("cron");
            var flows = new WorkflowTestSupport(users.as(user));
            once = flows.createAndPublish(schedule("Once", "run_once"));
            skip = flows.createAndPublish(schedule("Skip", "skip"));
            TestHttp api = users.as(user);
            awaitRuns(api, once, 2, r -> true);
            awaitRuns(api, skip, 2, r -> true);
            first.kill();
            killedAt = Instant.now();
        }
        WorkflowTestSupport.sleep(8_000); // down for four slots at least, and long past the grace

        try (AtomProcess second = start()) {
            TestHttp api = second.http().bearer(user.accessToken());
            Instant restarted = Instant.now();
            Predicate<JsonNode> afterRestart = r -> scheduledFor(r).isAfter(restarted);
            awaitRuns(api, once, 2, afterRestart);
            awaitRuns(api, skip, 2, afterRestart);
            for (String id : List.of(once, skip)) {
                assertThat(api.post("/api/v1/workflows/" + id + "/disable", Map.of())
                                .status())
                        .isEqualTo(200);
            }
            WorkflowTestSupport.sleep(500); // a tick in flight finishes

            // run_once: one catch-up run for the slots missed since the last one fired before the kill
            List<JsonNode> runs = runs(api, once);
            List<JsonNode> catchUps =
                    runs.stream().filter(ScheduleCatchUpTest::catchUp).toList();
            assertThat(catchUps).as("catch-up runs of %s", runs).hasSize(1);
            JsonNode catchUp = catchUps.getFirst();
            Instant lastBefore = lastBefore(runs, killedAt);
            long missed = Duration.between(lastBefore, scheduledFor(catchUp)).dividedBy(EVERY);
            assertThat(missed).as("slots missed while down").isGreaterThanOrEqualTo(4);
            assertThat(catchUp.get("missed").asLong()).isEqualTo(missed);
            assertThat(runs)
                    .as("no other run for the missed slots")
                    .filteredOn(r -> scheduledFor(r).isAfter(lastBefore)
                            && !scheduledFor(r).isAfter(scheduledFor(catchUp)))
                    .containsExactly(catchUp);
            assertThat(runs)
                    .as("on time again after the restart")
                    .filteredOn(r -> scheduledFor(r).isAfter(scheduledFor(catchUp)))
                    .hasSizeGreaterThanOrEqualTo(2)
                    .noneMatch(ScheduleCatchUpTest::catchUp);

            // skip: nothing for the gap; the first slot after it says how many it stands in for
            List<JsonNode> skipped = runs(api, skip);
            assertThat(skipped).noneMatch(ScheduleCatchUpTest::catchUp);
            Instant skipLastBefore = lastBefore(skipped, killedAt);
            List<JsonNode> resumed = skipped.stream()
                    .filter(r -> scheduledFor(r).isAfter(skipLastBefore))
                    .toList();
            assertThat(resumed).hasSizeGreaterThanOrEqualTo(2);
            assertThat(scheduledFor(resumed.getFirst())).isAfter(restarted.minusSeconds(4));
            long gap = Duration.between(skipLastBefore, scheduledFor(resumed.getFirst()))
                            .dividedBy(EVERY)
                    - 1;
            assertThat(gap).isGreaterThanOrEqualTo(4);
            assertThat(resumed.getFirst().get("missed").asLong()).isEqualTo(gap);
        }
    }

    private static boolean catchUp(JsonNode trigger) {
        return trigger.path("catchUp").asBoolean(false);
    }

    private static Instant scheduledFor(JsonNode trigger) {
        return Instant.parse(trigger.get("scheduledFor").asString());
    }

    /** The latest slot that fired before the kill. */
    private static Instant lastBefore(List<JsonNode> runs, Instant killedAt) {
        return runs.stream()
                .map(ScheduleCatchUpTest::scheduledFor)
                .filter(s -> s.isBefore(killedAt))
                .max(Instant::compareTo)
                .orElseThrow();
    }

    /** The triggers of the workflow's runs, oldest slot first. */
    private static List<JsonNode> runs(TestHttp api, String workflowId) {
        List<JsonNode> out = new ArrayList<>();
        api.get("/api/v1/runs?workflow=" + workflowId + "&limit=200")
                .json()
                .get("items")
                .forEach(r -> out.add(r.get("trigger")));
        out.sort((a, b) -> scheduledFor(a).compareTo(scheduledFor(b)));
        return out;
    }

    private static void awaitRuns(TestHttp api, String workflowId, int count, Predicate<JsonNode> which) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (runs(api, workflowId).stream().filter(which).count() < count) {
            assertThat(Instant.now())
                    .as("waiting for %d runs of %s", count, workflowId)
                    .isBefore(deadline);
            WorkflowTestSupport.sleep(100);
        }
    }

    private void useDatabase(String database) {
        args.add("--atom.data-dir=" + dataDir);
        args.add("--atom.workflows.trigger-tick=250ms");
        args.add("--atom.workflows.schedule-grace=3s");
        if (database.equals("postgresql")) {
            args.add("--atom.db.url=" + TestDatabases.newPostgresDatabase("atom_catchup_"));
            args.add("--atom.db.user=" + Objects.toString(TestDatabases.postgresUser(), ""));
            args.add("--atom.db.password=" + Objects.toString(TestDatabases.postgresPassword(), ""));
        }
    }

    private AtomProcess start() {
        return AtomProcess.start(dataDir.resolve("atom.log"), args);
    }
}
