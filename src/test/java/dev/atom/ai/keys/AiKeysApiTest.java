package dev.atom.ai.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.ai.providers.ProviderCredentials;
import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The keys API over HTTP: create, list, delete, roles, isolation between users and workspaces. */
class AiKeysApiTest extends AppTestBase {
    @Autowired
    AiKeys aiKeys;

    @Autowired
    JdbcClient jdbc;

    private TestUsers users;

    @BeforeEach
    void setUp() {
        users = new TestUsers(this::http);
    }

    static String fakeKey(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "") + "7890";
    }

    static Map<String, Object> key(String provider, String apiKey, Object... more) {
        Map<String, Object> body = new HashMap<>();
        body.put("provider", provider);
        if (apiKey != null) {
            body.put("apiKey", apiKey);
        }
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    private long secretsOf(String keyId) {
        return jdbc.sql("SELECT COUNT(*) FROM secrets WHERE owner = :owner")
                .param("owner", "ai_key:" + keyId)
                .query(Long.class)
                .single();
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    @Test
    void createsListsAndDeletesAUserKeyWithoutEverReturningIt() {
        var ann = users.signUp("ann");
        String secret = fakeKey("sk-proj-");
        var created = users.as(ann).post("/api/v1/ai/keys", key("openai", secret, "scope", "user"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode json = created.json();
        String id = json.get("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/v1/ai/keys/" + id);
        assertThat(json.get("provider").asString()).isEqualTo("openai");
        assertThat(json.get("name").asString()).isEqualTo("OpenAI");
        assertThat(json.get("masked").asString()).isEqualTo("sk-...7890");
        assertThat(json.get("scope").asString()).isEqualTo("user");
        assertThat(json.has("baseUrl")).isTrue();
        assertThat(json.get("baseUrl").isNull()).isTrue();
        assertThat(json.get("createdAt").asString()).isNotBlank();
        assertThat(created.body()).doesNotContain(secret).doesNotContain(secret.substring(3, 20));
        assertThat(secretsOf(id)).isEqualTo(1);

        var list = users.as(ann).get("/api/v1/ai/keys");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("items")).hasSize(1);
        assertThat(list.json().get("items").get(0).get("id").asString()).isEqualTo(id);
        assertThat(list.json().get("items").get(0).get("masked").asString()).isEqualTo("sk-...7890");
        assertThat(list.body()).doesNotContain(secret);

        assertThat(users.as(ann).delete("/api/v1/ai/keys/" + id).status()).isEqualTo(204);
        assertThat(users.as(ann).get("/api/v1/ai/keys").json().get("items")).isEmpty();
        assertThat(secretsOf(id)).as("the secret goes with the key").isZero();
        assertThat(users.as(ann).delete("/api/v1/ai/keys/" + id).status()).isEqualTo(404);
        assertThat(users.as(ann).delete("/api/v1/ai/keys/not-an-id").status()).isEqualTo(404);

        var audit = users.as(ann).get("/api/v1/audit");
        assertThat(audit.body())
                .contains("ai.key.created", "ai.key.deleted", id)
                .doesNotContain(secret);
    }

    @Test
    void keepsBaseUrlAndAzureFieldsAndDefaultsNamesPerOwner() {
        var ann = users.signUp("ann");
        var azure = users.as(ann)
                .post(
                        "/api/v1/ai/keys",
                        key(
                                "azure-openai",
                                fakeKey(""),
                                "baseUrl",
                                "https://contoso.openai.azure.com/",
                                "deployment",
                                "gpt-prod",
                                "apiVersion",
                                "2024-10-21"));
        assertThat(azure.status()).as(azure.toString()).isEqualTo(201);
        assertThat(azure.json().get("baseUrl").asString()).isEqualTo("https://contoso.openai.azure.com");
        assertThat(azure.json().get("deployment").asString()).isEqualTo("gpt-prod");
        assertThat(azure.json().get("apiVersion").asString()).isEqualTo("2024-10-21");
        assertThat(azure.json().get("name").asString()).isEqualTo("Azure OpenAI");

        var second =
                users.as(ann).post("/api/v1/ai/keys", key("azure-openai", fakeKey(""), "baseUrl", "https://b.test"));
        assertThat(second.json().get("name").asString()).isEqualTo("Azure OpenAI 2");
        var named = users.as(ann).post("/api/v1/ai/keys", key("openai", fakeKey("sk-"), "name", "Work"));
        assertThat(named.status()).isEqualTo(201);
        var clash = users.as(ann).post("/api/v1/ai/keys", key("anthropic", fakeKey("sk-ant-"), "name", " work "));
        assertThat(clash.status()).as(clash.toString()).isEqualTo(409);
        assertThat(fields(clash.json())).containsExactly("name");
        var bob = users.signUp("bob");
        assertThat(users.as(bob)
                        .post("/api/v1/ai/keys", key("openai", fakeKey("sk-"), "name", "Work"))
                        .status())
                .as("names are unique per owner, not globally")
                .isEqualTo(201);

        var local = users.as(ann)
                .post("/api/v1/ai/keys", key("openai-compatible", null, "baseUrl", "http://localhost:1/v1"));
        assertThat(local.status()).as(local.toString()).isEqualTo(201);
        assertThat(local.json().get("masked").asString()).isEmpty();
    }

    @Test
    void validationNamesEveryBadField() {
        var ann = users.signUp("ann");
        TestHttp api = users.as(ann);
        var many = api.post(
                "/api/v1/ai/keys",
                Map.of(
                        "provider", "nope",
                        "apiKey", "sk-has a space-1234567890",
                        "scope", "everyone",
                        "baseUrl", "ftp://example.com",
                        "name", "a/b"));
        assertThat(many.status()).isEqualTo(400);
        assertThat(many.header("Content-Type")).contains("application/problem+json");
        assertThat(fields(many.json())).containsExactlyInAnyOrder("provider", "apiKey", "scope", "baseUrl", "name");
        assertThat(many.body()).doesNotContain("has a space");

        assertThat(fields(api.post("/api/v1/ai/keys", Map.of("provider", "openai"))
                        .json()))
                .containsExactly("apiKey");
        assertThat(fields(api.post("/api/v1/ai/keys", Map.of()).json())).containsExactly("provider");
        assertThat(fields(api.post("/api/v1/ai/keys", key("openai", "sk-short")).json()))
                .containsExactly("apiKey");
        assertThat(fields(api.post("/api/v1/ai/keys", key("openai", "x".repeat(1025)))
                        .json()))
                .containsExactly("apiKey");
        assertThat(fields(api.post("/api/v1/ai/keys", Map.of("provider", "openai", "apiKey", 12345))
                        .json()))
                .containsExactly("apiKey");
        assertThat(fields(api.post("/api/v1/ai/keys", key("openai-compatible", null))
                        .json()))
                .containsExactly("baseUrl");
        assertThat(fields(api.post("/api/v1/ai/keys", key("azure-openai", fakeKey(""), "deployment", "no spaces!"))
                        .json()))
                .containsExactlyInAnyOrder("baseUrl", "deployment");
        assertThat(fields(api.post("/api/v1/ai/keys", key("openai", fakeKey("sk-"), "deployment", "x"))
                        .json()))
                .containsExactly("deployment");
        assertThat(fields(api.post(
                                "/api/v1/ai/keys",
                                key("openai-compatible", null, "baseUrl", "http://x.test/v1", "name", "OpenAI"))
                        .json()))
                .containsExactly("name");
        for (String internal : List.of(
                "http://10.0.0.5/v1",
                "http://169.254.169.254/latest",
                "http://192.168.1.2:11434/v1",
                "http://[::1]/")) {
            var refused = api.post("/api/v1/ai/keys", key("openai-compatible", null, "baseUrl", internal));
            assertThat(refused.status()).as(internal).isEqualTo(400);
            assertThat(fields(refused.json())).as(internal).containsExactly("baseUrl");
            assertThat(refused.json().get("errors").get(0).get("message").asString())
                    .contains("ATOM_HTTP_ALLOW_HOSTS");
        }
        assertThat(api.post("/api/v1/ai/keys", "{not json").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/ai/keys").json().get("items")).isEmpty();
    }

    @Test
    void onlyAdminsShareKeysWithTheWorkspaceAndOnlyAdminsRemoveThem() {
        var owner = users.signUp("olga");
        var admin = users.invite("adam", owner, "admin");
        var member = users.invite("mia", owner, "member");

        var refused = users.as(member).post("/api/v1/ai/keys", key("openai", fakeKey("sk-"), "scope", "workspace"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        var shared = users.as(admin).post("/api/v1/ai/keys", key("openai", fakeKey("sk-"), "scope", "workspace"));
        assertThat(shared.status()).as(shared.toString()).isEqualTo(201);
        assertThat(shared.json().get("scope").asString()).isEqualTo("workspace");
        String sharedId = shared.json().get("id").asString();
        var own = users.as(member).post("/api/v1/ai/keys", key("gemini", "AIza" + fakeKey("")));
        assertThat(own.status()).isEqualTo(201);

        assertThat(users.as(member).get("/api/v1/ai/keys").body())
                .contains(sharedId, own.json().get("id").asString());
        assertThat(users.as(owner).get("/api/v1/ai/keys").body())
                .contains(sharedId)
                .doesNotContain(own.json().get("id").asString());
        assertThat(users.as(member).delete("/api/v1/ai/keys/" + sharedId).status())
                .isEqualTo(403);
        assertThat(users.as(member)
                        .delete("/api/v1/ai/keys/" + own.json().get("id").asString())
                        .status())
                .isEqualTo(204);
        assertThat(users.as(owner).delete("/api/v1/ai/keys/" + sharedId).status())
                .isEqualTo(204);
        assertThat(users.as(admin).get("/api/v1/ai/keys").json().get("items")).isEmpty();
    }

    @Test
    void anotherUsersKeyIsInvisibleEvenInTheSameWorkspace() {
        var ann = users.signUp("ann");
        var bob = users.invite("bob", ann, "admin");
        var annsKey = users.as(ann).post("/api/v1/ai/keys", key("anthropic", fakeKey("sk-ant-")));
        String id = annsKey.json().get("id").asString();

        assertThat(users.as(bob).get("/api/v1/ai/keys").body()).doesNotContain(id);
        assertThat(users.as(bob).delete("/api/v1/ai/keys/" + id).status()).isEqualTo(404);
        assertThat(users.as(bob)
                        .post("/api/v1/ai/keys/" + id + "/test", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(aiKeys.usableBy(bob.workspaceId(), bob.id()))
                .extracting(AiKey::id)
                .doesNotContain(id);
        assertThat(users.as(ann).get("/api/v1/ai/keys").body()).contains(id);
    }

    @Test
    void routingGetsUsableKeysAndTheirDecryptedCredentials() {
        var ann = users.signUp("ann");
        String secret = fakeKey("sk-");
        String id = users.as(ann)
                .post("/api/v1/ai/keys", key("openai", secret))
                .json()
                .get("id")
                .asString();
        String proxyId = users.as(ann)
                .post("/api/v1/ai/keys", key("deepseek", fakeKey("sk-"), "baseUrl", "https://proxy.example.com/ds"))
                .json()
                .get("id")
                .asString();
        List<AiKey> usable = aiKeys.usableBy(ann.workspaceId(), ann.id());
        assertThat(usable).extracting(AiKey::id).containsExactly(id, proxyId);
        AiKey openai = usable.getFirst();
        assertThat(openai.toString()).doesNotContain(secret);
        ProviderCredentials credentials = aiKeys.credentials(openai).orElseThrow();
        assertThat(credentials.apiKey()).isEqualTo(secret);
        assertThat(credentials.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(credentials.toString()).doesNotContain(secret);
        assertThat(aiKeys.credentials(usable.get(1)).orElseThrow().baseUrl())
                .isEqualTo(URI.create("https://proxy.example.com/ds"));

        users.as(ann).delete("/api/v1/ai/keys/" + id);
        assertThat(aiKeys.credentials(openai)).isEmpty();
    }

    @Test
    void providersListsEachProviderWithWhatItNeedsAndItsModels() {
        var ann = users.signUp("ann");
        var providers = users.as(ann).get("/api/v1/ai/providers");
        assertThat(providers.status()).isEqualTo(200);
        Map<String, JsonNode> byId = new HashMap<>();
        providers.json().get("items").forEach(p -> byId.put(p.get("id").asString(), p));
        assertThat(byId)
                .containsOnlyKeys("openai", "anthropic", "gemini", "deepseek", "azure-openai", "openai-compatible");
        JsonNode openai = byId.get("openai");
        assertThat(openai.get("name").asString()).isEqualTo("OpenAI");
        assertThat(openai.get("keyUrl").asString()).startsWith("https://");
        assertThat(openai.get("keyFormat").asString()).isEqualTo("sk-...");
        assertThat(openai.get("defaultBaseUrl").asString()).isEqualTo("https://api.openai.com/v1");
        assertThat(openai.get("needs").get("apiKey").asString()).isEqualTo("required");
        assertThat(openai.get("models").toString()).contains("openai/gpt-5.6-luna", "openai/text-embedding-3-small");
        assertThat(openai.get("capabilities").toString()).contains("tools", "vision", "embeddings");
        assertThat(byId.get("anthropic").get("keyFormat").asString()).isEqualTo("sk-ant-...");
        assertThat(byId.get("gemini").get("keyFormat").asString()).isEqualTo("AIza...");
        JsonNode azure = byId.get("azure-openai");
        assertThat(azure.get("needs").get("baseUrl").asString()).isEqualTo("required");
        assertThat(azure.get("needs").get("deployment").asString()).isEqualTo("optional");
        assertThat(azure.get("needs").get("apiVersion").asString()).isEqualTo("optional");
        assertThat(azure.get("defaultBaseUrl").isNull()).isTrue();
        assertThat(azure.get("models").toString()).contains("azure-openai/gpt-5.6-luna");
        JsonNode compatible = byId.get("openai-compatible");
        assertThat(compatible.get("needs").get("baseUrl").asString()).isEqualTo("required");
        assertThat(compatible.get("needs").get("apiKey").asString()).isEqualTo("optional");
        assertThat(compatible.get("models")).isEmpty();
    }
}
