package dev.atom.ai.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.ai.keys.AiKey;
import dev.atom.ai.keys.AiKeys;
import dev.atom.ai.keys.OpenAiStub;
import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/ai/models} and the price overrides over HTTP: catalog prices in USD exactly as shipped,
 * whether the caller can use each model, admins' overrides, and the models openai-compatible servers list.
 */
class ModelsApiTest extends AppTestBase {
    private static final OpenAiStub OLLAMA = new OpenAiStub();

    @Autowired
    ModelCatalog catalog;

    @Autowired
    AiKeys keys;

    private TestUsers users;

    @AfterAll
    static void stopStub() {
        OLLAMA.close();
    }

    @BeforeEach
    void setUp() {
        OLLAMA.reset();
        users = new TestUsers(this::http);
    }

    private Map<String, JsonNode> models(TestUsers.User user) {
        var answer = users.as(user).get("/api/v1/ai/models");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        Map<String, JsonNode> byId = new HashMap<>();
        answer.json().get("items").forEach(m -> byId.put(m.get("id").asString(), m));
        return byId;
    }

    private static String secret() {
        return "sk-" + UUID.randomUUID().toString().replace("-", "");
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    @Test
    void listsTheCatalogWithExactPricesAndWhetherTheCallerHoldsAKey() {
        var ann = users.signUp("ann");
        var answer = users.as(ann).get("/api/v1/ai/models");
        assertThat(answer.json().get("asOf").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(answer.json().get("sources").get("anthropic").asString()).startsWith("https://");
        Map<String, JsonNode> models = models(ann);
        JsonNode luna = models.get("openai/gpt-5.6-luna");
        assertThat(luna.get("provider").asString()).isEqualTo("openai");
        assertThat(luna.get("displayName").asString()).isEqualTo("GPT-5.6 Luna");
        assertThat(luna.get("inputPerMillionUsd").decimalValue()).isEqualByComparingTo("0.20");
        assertThat(luna.get("outputPerMillionUsd").decimalValue()).isEqualByComparingTo("1.20");
        assertThat(luna.get("cachedInputPerMillionUsd").decimalValue()).isEqualByComparingTo("0.02");
        assertThat(luna.get("contextWindow").asInt()).isEqualTo(1_050_000);
        assertThat(luna.get("maxOutputTokens").asInt()).isEqualTo(128_000);
        assertThat(luna.get("capabilities").toString()).contains("tools", "vision", "json_schema", "streaming");
        assertThat(luna.get("priceSource").asString()).isEqualTo("catalog");
        assertThat(luna.get("usable").asBoolean()).isFalse();
        assertThat(models.get("gemini/gemini-3.8-flash")
                        .get("cachedInputPerMillionUsd")
                        .decimalValue())
                .isEqualByComparingTo("0.075");
        assertThat(models)
                .containsKeys(
                        "anthropic/claude-opus-5-5",
                        "deepseek/deepseek-chat",
                        "azure-openai/gpt-5.6-luna",
                        "openai/text-embedding-3-small");
        assertThat(models.get("openai/text-embedding-3-small")
                        .get("capabilities")
                        .toString())
                .contains("embeddings");

        users.as(ann).post("/api/v1/ai/keys", Map.of("provider", "anthropic", "apiKey", secret()));
        models = models(ann);
        assertThat(models.get("anthropic/claude-haiku-5-5").get("usable").asBoolean())
                .isTrue();
        assertThat(models.get("openai/gpt-5.6-luna").get("usable").asBoolean()).isFalse();
        var bob = users.invite("bob", ann, "member");
        assertThat(models(bob).get("anthropic/claude-haiku-5-5").get("usable").asBoolean())
                .as("Ann's user key is not Bob's")
                .isFalse();
    }

    @Test
    void adminsOverridePricesExactlyAndCanTakeTheOverrideBack() {
        var owner = users.signUp("olga");
        var member = users.invite("mia", owner, "member");
        Map<String, Object> body = Map.of("model", "openai/gpt-5.6-luna", "input", 0.25, "output", "1.5");
        assertThat(users.as(member).put("/api/v1/ai/prices/overrides", body).status())
                .isEqualTo(403);
        var put = users.as(owner).put("/api/v1/ai/prices/overrides", body);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        String id = put.json().get("id").asString();
        assertThat(put.json().get("model").asString()).isEqualTo("openai/gpt-5.6-luna");
        assertThat(put.json().get("cachedInput").decimalValue())
                .as("defaults to input")
                .isEqualByComparingTo("0.25");

        JsonNode luna = models(member).get("openai/gpt-5.6-luna");
        assertThat(luna.get("priceSource").asString()).isEqualTo("override");
        assertThat(luna.get("inputPerMillionUsd").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(luna.get("outputPerMillionUsd").decimalValue()).isEqualByComparingTo("1.5");
        ModelInfo info =
                catalog.find(owner.workspaceId(), "openai/gpt-5.6-luna").orElseThrow();
        assertThat(info.inputPricePerMillion()).isEqualTo(250_000);
        assertThat(info.outputPricePerMillion()).isEqualTo(1_500_000);
        assertThat(info.costMicros(1_000_000, 0, 1_000_000)).isEqualTo(1_750_000);

        var again = users.as(owner)
                .put(
                        "/api/v1/ai/prices/overrides",
                        Map.of("model", "openai/gpt-5.6-luna", "input", 0.123456, "output", 2, "cachedInput", 0));
        assertThat(again.json().get("id").asString()).isEqualTo(id);
        assertThat(catalog.find(owner.workspaceId(), "openai/gpt-5.6-luna")
                        .orElseThrow()
                        .inputPricePerMillion())
                .isEqualTo(123_456);
        var list = users.as(member).get("/api/v1/ai/prices/overrides");
        assertThat(list.json().get("items")).hasSize(1);

        var bad = users.as(owner)
                .put(
                        "/api/v1/ai/prices/overrides",
                        Map.of("model", "openai/no-such", "input", -1, "output", 0.0000001, "cachedInput", "abc"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(fields(bad.json())).containsExactlyInAnyOrder("model", "input", "output", "cachedInput");
        assertThat(fields(users.as(owner)
                        .put("/api/v1/ai/prices/overrides", Map.of("model", "openai/gpt-5.6-luna"))
                        .json()))
                .containsExactlyInAnyOrder("input", "output");

        var stranger = users.signUp("sam");
        assertThat(users.as(stranger).get("/api/v1/ai/prices/overrides").json().get("items"))
                .isEmpty();
        assertThat(models(stranger)
                        .get("openai/gpt-5.6-luna")
                        .get("priceSource")
                        .asString())
                .isEqualTo("catalog");
        assertThat(users.as(stranger)
                        .delete("/api/v1/ai/prices/overrides/" + id)
                        .status())
                .isEqualTo(404);
        assertThat(users.as(member).delete("/api/v1/ai/prices/overrides/" + id).status())
                .isEqualTo(403);
        assertThat(users.as(owner).delete("/api/v1/ai/prices/overrides/" + id).status())
                .isEqualTo(204);
        assertThat(users.as(owner).delete("/api/v1/ai/prices/overrides/" + id).status())
                .isEqualTo(404);
        assertThat(models(owner)
                        .get("openai/gpt-5.6-luna")
                        .get("inputPerMillionUsd")
                        .decimalValue())
                .isEqualByComparingTo("0.2");
    }

    @Test
    void anOpenAiCompatibleServersModelsAreNamedAfterTheKeyAndRefreshedOnTest() {
        OLLAMA.models("llama3.3:70b", "nomic-embed-text").chatAnswers("llama3.3:70b");
        var ann = users.signUp("ann");
        var bob = users.invite("bob", ann, "member");
        var created = users.as(ann)
                .post(
                        "/api/v1/ai/keys",
                        Map.of("provider", "openai-compatible", "name", "ollama", "baseUrl", OLLAMA.baseUrl()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String keyId = created.json().get("id").asString();

        Map<String, JsonNode> models = models(ann);
        JsonNode llama = models.get("ollama/llama3.3:70b");
        assertThat(llama).as(models.keySet().toString()).isNotNull();
        assertThat(llama.get("provider").asString()).isEqualTo("openai-compatible");
        assertThat(llama.get("usable").asBoolean()).isTrue();
        assertThat(llama.get("priceSource").asString()).isEqualTo("unknown");
        assertThat(llama.get("inputPerMillionUsd").decimalValue()).isEqualByComparingTo("0");
        assertThat(models.get("ollama/nomic-embed-text").get("capabilities").toString())
                .contains("embeddings");
        assertThat(models(bob)).as("Bob cannot see Ann's key or its models").doesNotContainKey("ollama/llama3.3:70b");
        var providers = users.as(ann).get("/api/v1/ai/providers").body();
        assertThat(providers).contains("ollama/llama3.3:70b");

        ModelInfo info = catalog.forCaller(ann.workspaceId(), ann.id()).stream()
                .filter(m -> m.id().equals("ollama/llama3.3:70b"))
                .findFirst()
                .orElseThrow();
        assertThat(info.upstreamName()).isEqualTo("llama3.3:70b");
        assertThat(keys.forModel(ann.workspaceId(), ann.id(), info))
                .extracting(AiKey::id)
                .containsExactly(keyId);
        assertThat(keys.forModel(bob.workspaceId(), bob.id(), info)).isEmpty();

        var priced = users.as(ann)
                .put(
                        "/api/v1/ai/prices/overrides",
                        Map.of("model", "ollama/llama3.3:70b", "input", 0.01, "output", 0.02));
        assertThat(priced.status()).as(priced.toString()).isEqualTo(200);
        assertThat(models(ann).get("ollama/llama3.3:70b").get("priceSource").asString())
                .isEqualTo("override");

        OLLAMA.reset();
        OLLAMA.models("qwen3:32b").chatAnswers("qwen3:32b");
        var test = users.as(ann).post("/api/v1/ai/keys/" + keyId + "/test", Map.of());
        assertThat(test.json().get("ok").asBoolean()).as(test.toString()).isTrue();
        assertThat(test.json().get("model").asString()).isEqualTo("qwen3:32b");
        models = models(ann);
        assertThat(models).containsKey("ollama/qwen3:32b").doesNotContainKey("ollama/llama3.3:70b");

        assertThat(users.as(ann).delete("/api/v1/ai/keys/" + keyId).status()).isEqualTo(204);
        assertThat(models(ann)).doesNotContainKey("ollama/qwen3:32b");
    }
}
