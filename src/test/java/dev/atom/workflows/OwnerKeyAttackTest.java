package dev.atom.workflows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.ai.gateway.GatewayTestBase;
import dev.atom.testing.TestUsers;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's attack: a member edits a colleague's workflow to name the colleague's personal AI key ({@code
 * "model": "ownerkey/..."}), runs it, spends the key and reads the answers. Before workflows had owners the
 * stubbed provider received the owner's key; now the edit is refused at its field, a workflow that already uses
 * the owner's personal keys is not even visible to the member, and the provider never hears the owner's key.
 */
class OwnerKeyAttackTest extends GatewayTestBase {
    private TestUsers.User owner;
    private TestUsers.User member;
    private String ownerSecret;
    private String prefix;
    private String keyName;

    @BeforeEach
    void ownerWithAPersonalKey() {
        owner = users().signUp("olga");
        member = users().invite("mallory", owner, "member");
        prefix = prefix("ownerkey");
        keyName = "ownerkey" + UUID.randomUUID().toString().substring(0, 6);
        provider.stubFor(get(urlPathEqualTo("/" + prefix + "/v1/models"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"object\":\"list\",\"data\":[{\"id\":\"llama\",\"object\":\"model\","
                                + "\"created\":1700000000,\"owned_by\":\"me\"}]}")));
        provider.stubFor(post(urlPathEqualTo("/" + prefix + "/v1/chat/completions"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(answer("the owner's answer", 5, 3, 0))));
        ownerSecret = "sk-olga-" + UUID.randomUUID().toString().replace("-", "");
        var key = users().as(owner)
                .post(
                        "/api/v1/ai/keys",
                        Map.of(
                                "provider",
                                "openai-compatible",
                                "name",
                                keyName,
                                "apiKey",
                                ownerSecret,
                                "scope",
                                "user",
                                "baseUrl",
                                "http://127.0.0.1:" + provider.port() + "/" + prefix + "/v1"));
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
    }

    private String aiStep(String model) {
        return """
                { "name": "Digest", "trigger": { "type": "manual" },
                  "steps": [ { "id": "think", "type": "ai", "model": "%s", "prompt": "Summarise my week" } ] }
                """.formatted(model);
    }

    @Test
    void aMemberCannotPointTheOwnersSharedWorkflowAtTheOwnersPersonalKey() {
        var flows = new WorkflowTestSupport(users().as(owner));
        String id = flows.createAndPublish("""
                { "name": "Digest", "trigger": { "type": "manual" },
                  "steps": [ { "id": "think", "type": "transform", "output": { "x": 1 } } ] }
                """);
        var edit = users().as(member)
                .put(
                        "/api/v1/workflows/" + id,
                        Map.of("definition", WorkflowTestSupport.JSON.readTree(aiStep(keyName + "/llama"))));
        if (edit.status() == 200) { // what happened before: publish and run it as the owner
            users().as(member).post("/api/v1/workflows/" + id + "/publish", Map.of());
            var run = users().as(member).post("/api/v1/workflows/" + id + "/runs", Map.of("input", Map.of()));
            new WorkflowTestSupport(users().as(member))
                    .awaitEnd(run.json().get("runId").asString());
        }
        assertThat(provider.findAll(postRequestedFor(urlPathEqualTo("/" + prefix + "/v1/chat/completions"))
                        .withHeader("Authorization", containing(ownerSecret))))
                .as("the provider received the owner's key")
                .isEmpty();
        assertThat(edit.status()).as(edit.toString()).isEqualTo(400);
        assertThat(WorkflowTestSupport.errors(edit))
                .anySatisfy(e -> assertThat(e).startsWith("steps[0].model: "));
    }

    @Test
    void aMemberDoesNotSeeAWorkflowThatRunsOnTheOwnersPersonalKey() {
        var flows = new WorkflowTestSupport(users().as(owner));
        String id = flows.createAndPublish(aiStep(keyName + "/llama"));
        var run = flows.awaitEnd(flows.start(id, Map.of()));
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(users().as(member).get("/api/v1/workflows/" + id).status()).isEqualTo(404);
        var edit = users().as(member)
                .put("/api/v1/workflows/" + id, Map.of("definition", WorkflowTestSupport.JSON.readTree(aiStep("x"))));
        assertThat(edit.status()).as(edit.toString()).isEqualTo(404);
        assertThat(users().as(member)
                        .post("/api/v1/workflows/" + id + "/runs", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(users().as(member)
                        .get("/api/v1/runs/" + run.get("id").asString())
                        .status())
                .isEqualTo(404);
        assertThat(users().as(member).get("/api/v1/workflows").body()).doesNotContain(id);
    }

    @Test
    void aMemberCannotNameTheOwnersPersonalKeyInTheirOwnWorkflow() {
        var created = users().as(member)
                .post(
                        "/api/v1/workflows",
                        Map.of("definition", WorkflowTestSupport.JSON.readTree(aiStep(keyName + "/llama"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(400);
        assertThat(WorkflowTestSupport.errors(created))
                .anySatisfy(e -> assertThat(e).startsWith("steps[0].model: "));
    }
}
