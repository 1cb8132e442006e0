package dev.atom.workflows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import dev.atom.workflows.WorkflowTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Finished runs older than the retention are pruned with their steps; unfinished ones stay. */
class RunRetentionTest extends AppTestBase {
    @Autowired
    RunRetention retention;

    @Test
    void oldFinishedRunsGoAndWaitingOnesStay() {
        var users = new TestUsers(this::http);
        var api = users.as(users.signUp("otto"));
        var flows = new WorkflowTestSupport(api);
        String quick = flows.createAndPublish("""
                { "name": "Quick", "trigger": { "type": "manual" },
                  "steps": [ { "id": "a", "type": "transform", "output": 1 } ] }
                """);
        String slow = flows.createAndPublish("""
                { "name": "Slow", "trigger": { "type": "manual" },
                  "steps": [ { "id": "a", "type": "delay", "duration": "P300D" } ] }
                """);
        String done = flows.start(quick, Map.of());
        flows.awaitEnd(done);
        String waiting = flows.start(slow, Map.of());
        flows.awaitStatus(waiting, "waiting");

        assertThat(retention.prune(Instant.now())).as("nothing is old yet").isZero();
        assertThat(retention.prune(Instant.now().plus(Duration.ofDays(31)))).isGreaterThanOrEqualTo(1);
        assertThat(api.get("/api/v1/runs/" + done).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/runs/" + waiting).json().get("status").asString())
                .isEqualTo("waiting");
    }
}
