package dev.atom.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.TestHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Creating, publishing and waiting for workflows through the API, as a user would. */
public final class WorkflowTestSupport {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private final TestHttp api;

    public WorkflowTestSupport(TestHttp api) {
        this.api = api;
    }

    public String createAndPublish(String definition) {
        var created = api.post("/api/v1/workflows", Map.of("definition", JSON.readTree(definition)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        var published = api.post("/api/v1/workflows/" + id + "/publish", Map.of());
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        return id;
    }

    /** The path of a webhook-triggered workflow's URL (its resource's {@code webhookUrl}). */
    public String webhookPath(String workflowId) {
        return java.net
                .URI
                .create(api.get("/api/v1/workflows/" + workflowId)
                        .json()
                        .get("webhookUrl")
                        .asString())
                .getPath();
    }

    public String start(String workflowId, Map<String, Object> input) {
        var started = api.post("/api/v1/workflows/" + workflowId + "/runs", Map.of("input", input));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return started.json().get("runId").asString();
    }

    public JsonNode run(String runId) {
        return api.get("/api/v1/runs/" + runId).json();
    }

    /** Waits until the run is in one of {@code statuses} (30 s at most). */
    public JsonNode awaitStatus(String runId, String... statuses) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonNode run = run(runId);
            String status = run.get("status").asString();
            if (List.of(statuses).contains(status)) {
                return run;
            }
            assertThat(Instant.now())
                    .as("run %s still %s: %s", runId, status, run)
                    .isBefore(deadline);
            sleep(50);
        }
    }

    public JsonNode awaitEnd(String runId) {
        return awaitStatus(runId, "succeeded", "failed", "cancelled");
    }

    /** The "field: message" pairs of a problem answer. */
    static List<String> errors(TestHttp.Response r) {
        List<String> out = new ArrayList<>();
        r.json()
                .path("errors")
                .forEach(e -> out.add(
                        e.get("field").asString() + ": " + e.get("message").asString()));
        return out;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
