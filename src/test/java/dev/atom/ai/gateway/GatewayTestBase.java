package dev.atom.ai.gateway;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole app with provider keys pointing at a WireMock "provider" on the loopback (allowed for the tests),
 * a 2 s provider read timeout (a cold JVM's first answer took over 1 s at load 20; the failover test's slow
 * provider waits 3 s), breakers that open after 3 failures for an hour. Every test uses fresh users,
 * keys and WireMock path prefixes, so tests sharing the context never see each other's state.
 */
public abstract class GatewayTestBase extends AppTestBase {
    protected static WireMockServer provider;
    protected TestUsers users;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("atom.http.allow-hosts", () -> "127.0.0.1,localhost");
        registry.add("atom.ai.providers.read-timeout", () -> "2s");
        registry.add("atom.ai.routing.failure-threshold", () -> "3");
        registry.add("atom.ai.routing.cool-down", () -> "1h");
    }

    @BeforeAll
    static void startProvider() {
        if (provider == null) {
            provider = new WireMockServer(wireMockConfig().dynamicPort());
            provider.start();
        }
    }

    @AfterAll
    static void resetProvider() {
        provider.resetAll();
    }

    protected TestUsers users() {
        if (users == null) {
            users = new TestUsers(this::http);
        }
        return users;
    }

    /** A fresh WireMock path prefix: a key whose base URL is {@code /<prefix>/v1}. */
    protected static String prefix(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Adds a user key of {@code provider} whose base URL is WireMock's {@code /<prefix>/v1}; answers its id. */
    protected String addKey(TestUsers.User user, String providerId, String prefix) {
        var response = users().as(user)
                .post(
                        "/api/v1/ai/keys",
                        Map.of(
                                "provider",
                                providerId,
                                "apiKey",
                                "sk-test-" + UUID.randomUUID().toString().replace("-", ""),
                                "name",
                                prefix,
                                "scope",
                                "user",
                                "baseUrl",
                                "http://127.0.0.1:" + provider.port() + "/" + prefix + "/v1"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    /** Pins a model's prices for the user's workspace (USD per million tokens), so costs do not follow the file. */
    protected void pinPrices(TestUsers.User owner, String model, String input, String output, String cached) {
        var response = users().as(owner)
                .put(
                        "/api/v1/ai/prices/overrides",
                        "{\"model\":\"" + model + "\",\"input\":" + input + ",\"output\":" + output
                                + ",\"cachedInput\":" + cached + "}");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    protected static String answer(String text, long prompt, long completion, long cached) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1767225600,"model":"upstream",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,
                          "prompt_tokens_details":{"cached_tokens":%d}}}
                """.formatted(text, prompt, completion, prompt + completion, cached);
    }
}
