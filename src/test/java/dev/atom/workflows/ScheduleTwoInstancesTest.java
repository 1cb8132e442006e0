package dev.atom.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AtomProcess;
import dev.atom.testing.RequiresPostgres;
import dev.atom.testing.TestDatabases;
import dev.atom.testing.TestUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two Atom processes on one PostgreSQL database, both running the scheduler every second, share a schedule
 * that fires every second: every slot that fires, fires once (the compare-and-set on the trigger row and the
 * run's insert are one transaction).
 */
@RequiresPostgres
class ScheduleTwoInstancesTest {

    @Test
    void twoInstancesFireEachSlotOfOneScheduleOnce() throws IOException {
        Path dataDir = Files.createTempDirectory("atom-sched-");
        List<String> args = List.of(
                "--atom.data-dir=" + dataDir,
                "--atom.workflows.trigger-tick=1s",
                "--atom.db.url=" + TestDatabases.newPostgresDatabase("atom_sched_"),
                "--atom.db.user=" + Objects.toString(TestDatabases.postgresUser(), ""),
                "--atom.db.password=" + Objects.toString(TestDatabases.postgresPassword(), ""));
        try (AtomProcess a = AtomProcess.start(dataDir.resolve("a.log"), args);
                AtomProcess b = AtomProcess.start(dataDir.resolve("b.log"), args)) {
            var users = new TestUsers(a::http);
            var api = users.as(users.signUp("twin"));
            String id = new WorkflowTestSupport(api).createAndPublish("""
                    { "name": "Every second", "trigger": { "type": "schedule", "cron": "* * * * * *" },
                      "steps": [ { "id": "s", "type": "transform", "output": "{{ trigger.scheduledFor }}" } ] }
                    """);
            WorkflowTestSupport.sleep(8_000);
            assertThat(api.post("/api/v1/workflows/" + id + "/disable", Map.of())
                            .status())
                    .isEqualTo(200);
            WorkflowTestSupport.sleep(1_500); // a tick in flight finishes

            var runs =
                    api.get("/api/v1/runs?workflow=" + id + "&limit=200").json().get("items");
            List<String> slots = new ArrayList<>();
            runs.forEach(r -> slots.add(r.get("trigger").get("scheduledFor").asString()));
            Set<String> distinct = new HashSet<>(slots);
            assertThat(slots).as("slots fired").hasSizeGreaterThanOrEqualTo(3);
            assertThat(distinct).as("no slot fired twice: %s", slots).hasSameSizeAs(slots);
        }
    }
}
