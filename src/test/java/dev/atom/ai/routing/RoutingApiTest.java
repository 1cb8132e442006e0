package dev.atom.ai.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.ai.AiGateway;
import dev.atom.ai.AiGatewayException;
import dev.atom.ai.CallSource;
import dev.atom.ai.gateway.GatewayTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The workspace's default routing: who reads and changes it, how each bad entry is named, and that the gateway
 * expands {@code atom/default} into it (in order, with fallback) for this workspace and no other.
 */
class RoutingApiTest extends GatewayTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HELLO = "\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    @Autowired
    AiGateway gateway;

    private static List<String> errors(TestHttp.Response problem) {
        assertThat(problem.status()).as(problem.toString()).isEqualTo(400);
        assertThat(problem.header("Content-Type")).contains("application/problem+json");
        List<String> out = new ArrayList<>();
        problem.json()
                .get("errors")
                .forEach(e -> out.add(
                        e.get("field").asString() + ": " + e.get("message").asString()));
        return out;
    }

    private TestHttp.Response put(TestUsers.User user, Object... models) {
        return users().as(user).put("/api/v1/ai/routing", Map.of("models", List.of(models)));
    }

    private String answeredBy(TestUsers.User user, String request) {
        var caller =
                new AiGateway.Caller(user.workspaceId(), user.id(), CallSource.API_CLIENT, "req-" + UUID.randomUUID());
        return gateway.chat(caller, (ObjectNode) JSON.readTree(request)).model();
    }

    /** A key of {@code providerId} whose stub answers every chat with {@code status}. */
    private void keyAnswering(TestUsers.User user, String providerId, int status) {
        String prefix = prefix(providerId);
        provider.stubFor(post(urlPathEqualTo("/" + prefix + "/v1/chat/completions"))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                status == 200
                                        ? answer(providerId, 10, 5, 0)
                                        : "{\"error\":{\"message\":\"down\",\"type\":\"server_error\"}}")));
        addKey(user, providerId, prefix);
    }

    /** An openai-compatible key named {@code name} whose server lists {@code models}; answers its id. */
    private String compatibleKey(TestUsers.User user, String name, String scope, String... models) {
        String prefix = prefix(name);
        StringBuilder data = new StringBuilder();
        for (String m : models) {
            data.append(data.isEmpty() ? "" : ",")
                    .append("{\"id\":\"")
                    .append(m)
                    .append("\",\"object\":\"model\"}");
        }
        provider.stubFor(get(urlPathEqualTo("/" + prefix + "/v1/models"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"object\":\"list\",\"data\":[" + data + "]}")));
        var created = users().as(user)
                .post(
                        "/api/v1/ai/keys",
                        Map.of(
                                "provider",
                                "openai-compatible",
                                "name",
                                name,
                                "scope",
                                scope,
                                "baseUrl",
                                "http://127.0.0.1:" + provider.port() + "/" + prefix + "/v1"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    @Test
    void everyMemberReadsItOnlyAdminsAndOwnersChangeIt() {
        TestUsers.User owner = users().signUp("olga");
        TestUsers.User member = users().invite("mia", owner, "member");
        TestUsers.User admin = users().invite("ada", owner, "admin");

        JsonNode initial = users().as(member).get("/api/v1/ai/routing").json();
        assertThat(initial.get("model").asString()).isEqualTo("atom/default");
        assertThat(initial.get("models").toString()).isEqualTo("[\"atom/balanced\"]");
        assertThat(initial.has("updatedAt")).isFalse();

        var refused = put(member, "atom/cheapest");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).contains("application/problem+json");
        assertThat(users().as(member).put("/api/v1/ai/routing", "[1]").status())
                .as("whatever the body")
                .isEqualTo(403);

        var saved = put(admin, "openai/gpt-5.6-luna", " atom/cheapest ");
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.json().get("models").toString()).isEqualTo("[\"openai/gpt-5.6-luna\",\"atom/cheapest\"]");
        JsonNode read = users().as(member).get("/api/v1/ai/routing").json();
        assertThat(read.get("models").toString()).isEqualTo("[\"openai/gpt-5.6-luna\",\"atom/cheapest\"]");
        assertThat(read.get("updatedBy").asString()).isEqualTo(admin.id());
        assertThat(read.get("updatedAt").asString()).isNotBlank();
        assertThat(put(owner, "atom/fastest").status()).isEqualTo(200);

        String audit = users().as(owner).get("/api/v1/audit").body();
        assertThat(audit).contains("ai.routing.changed", "openai/gpt-5.6-luna, atom/cheapest");
    }

    @Test
    void eachBadEntryIsNamedAtItsPlace() {
        TestUsers.User owner = users().signUp("olga");
        assertThat(errors(
                        put(owner, "openai/gpt-5.6-luna", "x", "atom/default", "openai/gpt-5.6-luna", "atom/cheap", 3)))
                .containsExactly(
                        "models: must hold 1 to 5 entries (it has 6)",
                        "models[1]: unknown model \"x\"",
                        "models[2]: cannot be part of itself: name the models atom/default stands for",
                        "models[3]: repeats models[0]",
                        "models[4]: unknown policy \"atom/cheap\": the policies are atom/cheapest, atom/fastest,"
                                + " atom/best, atom/balanced",
                        "models[5]: must be a model id or a policy");
        assertThat(errors(put(owner, "openai/text-embedding-3-small")))
                .containsExactly("models[0]: \"openai/text-embedding-3-small\" is an embeddings model: the default"
                        + " routing is for chat");
        assertThat(errors(put(owner))).containsExactly("models: must hold 1 to 5 entries (it has 0)");
        assertThat(errors(users().as(owner).put("/api/v1/ai/routing", "{}")))
                .containsExactly("models: is required: a list of 1 to 5 models or policies, first choice first");
        assertThat(errors(users().as(owner).put("/api/v1/ai/routing", "{\"models\":\"atom/best\"}")))
                .containsExactly("models: must be a list of model ids or policies, first choice first");
        assertThat(errors(users().as(owner).put("/api/v1/ai/routing", "[]")))
                .containsExactly("body: must be a JSON object: {\"models\": [...]}");
        assertThat(users().as(owner).get("/api/v1/ai/routing").json().has("updatedAt"))
                .as("nothing was stored")
                .isFalse();
    }

    @Test
    void modelsOfTheWorkspacesOwnServersCountButNotOfAPersonalKey() {
        TestUsers.User owner = users().signUp("olga");
        compatibleKey(owner, "shared-llm", "workspace", "llama3.3:70b");
        compatibleKey(owner, "my-llm", "user", "qwen3");
        assertThat(put(owner, "shared-llm/llama3.3:70b", "atom/best").status()).isEqualTo(200);
        assertThat(errors(put(owner, "my-llm/qwen3")))
                .containsExactly("models[0]: \"my-llm/qwen3\" comes from a personal key: only models of the"
                        + " workspace's shared keys can be its default");
        TestUsers.User stranger = users().signUp("sam");
        assertThat(errors(put(stranger, "shared-llm/llama3.3:70b")))
                .as("another workspace's server is unknown here")
                .containsExactly("models[0]: unknown model \"shared-llm/llama3.3:70b\"");
    }

    @Test
    void atomDefaultIsTheListInOrderWithFallback() {
        TestUsers.User ann = users().signUp("ann");
        keyAnswering(ann, "openai", 200);
        keyAnswering(ann, "deepseek", 503);
        // never set: atom/balanced over both keys; the deepseek ones fail, so an OpenAI model answers
        assertThat(answeredBy(ann, "{\"model\":\"atom/default\"," + HELLO + "}"))
                .startsWith("openai/");

        assertThat(put(ann, "anthropic/claude-haiku-5-5", "openai/gpt-5.6-terra", "atom/cheapest")
                        .status())
                .isEqualTo(200);
        assertThat(answeredBy(ann, "{\"model\":\"atom/default\"," + HELLO + "}"))
                .as("the first has no key, the second answers")
                .isEqualTo("openai/gpt-5.6-terra");
        assertThat(answeredBy(ann, "{\"models\":[\"openai/gpt-5.6-luna\",\"atom/default\"]," + HELLO + "}"))
                .as("atom/default stands where it is named")
                .isEqualTo("openai/gpt-5.6-luna");

        assertThat(put(ann, "deepseek/deepseek-chat", "openai/gpt-5.6-luna").status())
                .isEqualTo(200);
        assertThat(answeredBy(ann, "{\"model\":\"atom/default\"," + HELLO + "}"))
                .as("deepseek fails with 503: the next entry answers")
                .isEqualTo("openai/gpt-5.6-luna");

        assertThat(put(ann, "anthropic/claude-haiku-5-5").status()).isEqualTo(200);
        assertThatThrownBy(() -> answeredBy(ann, "{\"model\":\"atom/default\"," + HELLO + "}"))
                .isInstanceOfSatisfying(AiGatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("no_usable_key");
                    assertThat(e.getMessage())
                            .contains("anthropic/claude-haiku-5-5")
                            .contains("atom/default is this workspace's default routing: anthropic/claude-haiku-5-5")
                            .contains("PUT /api/v1/ai/routing");
                });
    }

    @Test
    void anEntryWhoseKeyWasRemovedIsSkipped() {
        TestUsers.User owner = users().signUp("olga");
        keyAnswering(owner, "openai", 200);
        String shared = compatibleKey(owner, "gone-llm", "workspace", "llama3.3:70b");
        assertThat(put(owner, "gone-llm/llama3.3:70b", "openai/gpt-5.6-luna").status())
                .isEqualTo(200);
        assertThat(users().as(owner).delete("/api/v1/ai/keys/" + shared).status())
                .isEqualTo(204);
        assertThat(answeredBy(owner, "{\"model\":\"atom/default\"," + HELLO + "}"))
                .isEqualTo("openai/gpt-5.6-luna");
    }

    @Test
    void aWorkspacesRoutingNeverReachesAnother() {
        TestUsers.User ann = users().signUp("ann");
        TestUsers.User bob = users().signUp("bob");
        keyAnswering(ann, "deepseek", 200);
        keyAnswering(bob, "openai", 200);
        assertThat(put(ann, "deepseek/deepseek-chat").status()).isEqualTo(200);
        assertThat(answeredBy(ann, "{\"model\":\"atom/default\"," + HELLO + "}"))
                .isEqualTo("deepseek/deepseek-chat");

        // with Ann's list Bob's call would need a deepseek key he does not have
        assertThat(answeredBy(bob, "{\"model\":\"atom/default\"," + HELLO + "}"))
                .startsWith("openai/");
        JsonNode bobs = users().as(bob).get("/api/v1/ai/routing").json();
        assertThat(bobs.get("models").toString()).isEqualTo("[\"atom/balanced\"]");
        assertThat(bobs.has("updatedAt")).isFalse();

        assertThat(put(bob, "openai/gpt-5.6-terra").status()).isEqualTo(200);
        assertThat(users().as(ann)
                        .get("/api/v1/ai/routing")
                        .json()
                        .get("models")
                        .toString())
                .isEqualTo("[\"deepseek/deepseek-chat\"]");
        assertThat(answeredBy(ann, "{\"model\":\"atom/default\"," + HELLO + "}"))
                .isEqualTo("deepseek/deepseek-chat");
    }
}
