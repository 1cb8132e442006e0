package dev.atom.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A connection lists the workflows that use it, so a broken one says what it stops. */
class ConnectionUsedByTest extends AppTestBase {

    @Test
    void aConnectionNamesTheWorkflowsThatUseIt() {
        var users = new TestUsers(this::http);
        var api = users.as(users.signUp("uma"));
        String connection = api.post(
                        "/api/v1/connections", Map.of("connector", "http", "name", "Web", "credentials", Map.of()))
                .json()
                .get("id")
                .asString();
        String unused = api.post(
                        "/api/v1/connections", Map.of("connector", "http", "name", "Spare", "credentials", Map.of()))
                .json()
                .get("id")
                .asString();
        String workflow = new WorkflowTestSupport(api).createAndPublish("""
                { "name": "Pinger", "trigger": { "type": "manual" },
                  "steps": [ { "id": "ping", "action": "http.request", "connection": "%s",
                               "input": { "method": "GET", "url": "https://example.com/" } } ] }
                """.formatted(connection));

        var used = api.get("/api/v1/connections/" + connection).json().get("usedBy");
        assertThat(used).hasSize(1);
        assertThat(used.get(0).get("kind").asString()).isEqualTo("workflow");
        assertThat(used.get(0).get("id").asString()).isEqualTo(workflow);
        assertThat(used.get(0).get("name").asString()).isEqualTo("Pinger");
        assertThat(api.get("/api/v1/connections/" + unused).json().get("usedBy"))
                .isEmpty();
        var listed = api.get("/api/v1/connections").json();
        listed.forEach(c -> assertThat(c.get("usedBy").size())
                .isEqualTo(c.get("id").asString().equals(connection) ? 1 : 0));
    }
}
