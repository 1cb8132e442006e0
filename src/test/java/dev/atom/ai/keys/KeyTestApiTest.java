package dev.atom.ai.keys;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.atom.ai.keys.AiKeysApiTest.fakeKey;
import static dev.atom.ai.keys.AiKeysApiTest.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/ai/keys/{id}/test} against a WireMock OpenAI: every outcome the issue names (works, bad
 * key, no quota, unreachable, unknown model) comes back as 200 with the failing check and the exact reason.
 */
class KeyTestApiTest extends AppTestBase {
    private static final OpenAiStub OPENAI = new OpenAiStub();

    private TestUsers users;
    private TestUsers.User ann;

    @AfterAll
    static void stopStub() {
        OPENAI.close();
    }

    @BeforeEach
    void setUp() {
        OPENAI.reset();
        users = new TestUsers(this::http);
        ann = users.signUp("ann");
    }

    private String addKey(String secret, String baseUrl) {
        var created = users.as(ann).post("/api/v1/ai/keys", key("openai", secret, "baseUrl", baseUrl));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private JsonNode test(String id, Map<String, Object> body) {
        var answer = users.as(ann).post("/api/v1/ai/keys/" + id + "/test", body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> checks(JsonNode result) {
        List<String> checks = new ArrayList<>();
        result.get("checks")
                .forEach(c ->
                        checks.add(c.get("name").asString() + "=" + c.get("ok").asBoolean()));
        return checks;
    }

    @Test
    void aWorkingKeyPassesEveryCheckWithAOneTokenChatOnTheCheapestModel() {
        String secret = fakeKey("sk-");
        OPENAI.models("gpt-5.6-luna", "gpt-6-astra").chatAnswers("gpt-5.6-luna");
        JsonNode result = test(addKey(secret, OPENAI.baseUrl()), Map.of());
        assertThat(result.get("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.get("provider").asString()).isEqualTo("openai");
        assertThat(checks(result)).containsExactly("reachable=true", "auth=true", "model=true");
        assertThat(result.has("error")).isFalse();
        OPENAI.server()
                .verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                        .withHeader("Authorization", equalTo("Bearer " + secret))
                        .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-5.6-luna")))
                        .withRequestBody(matchingJsonPath("$.max_completion_tokens", equalTo("1"))));
        assertThat(result.toString()).doesNotContain(secret);
    }

    @Test
    void aRejectedKeyFailsTheAuthCheckWithoutLeakingTheKey() {
        String secret = fakeKey("sk-");
        OPENAI.modelsFail(
                401,
                "invalid_api_key",
                "invalid_request_error",
                "Incorrect API key provided: " + secret + ". You can find your API key at"
                        + " https://platform.openai.com/account/api-keys.");
        JsonNode result = test(addKey(secret, OPENAI.baseUrl()), Map.of());
        assertThat(result.get("ok").asBoolean()).isFalse();
        assertThat(checks(result)).containsExactly("reachable=true", "auth=false");
        assertThat(result.get("error").get("code").asString()).isEqualTo("invalid_api_key");
        assertThat(result.get("error").get("message").asString()).contains("401", "Incorrect API key");
        assertThat(result.toString()).doesNotContain(secret).doesNotContain(secret.substring(3, 24));
    }

    @Test
    void noQuotaFailsTheModelCheck() {
        OPENAI.models("gpt-5.6-luna")
                .chatFails(
                        429,
                        "insufficient_quota",
                        "insufficient_quota",
                        "You exceeded your current quota, please check your plan and billing details.");
        JsonNode result = test(addKey(fakeKey("sk-"), OPENAI.baseUrl()), Map.of());
        assertThat(result.get("ok").asBoolean()).isFalse();
        assertThat(checks(result)).containsExactly("reachable=true", "auth=true", "model=false");
        assertThat(result.get("error").get("code").asString()).isEqualTo("insufficient_quota");
        assertThat(result.get("error").get("message").asString()).contains("exceeded your current quota");
    }

    @Test
    void aServerThatDoesNotAnswerFailsTheReachableCheck() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        JsonNode result = test(addKey(fakeKey("sk-"), "http://127.0.0.1:" + closedPort + "/v1"), Map.of());
        assertThat(result.get("ok").asBoolean()).isFalse();
        assertThat(checks(result)).containsExactly("reachable=false");
        assertThat(result.get("error").get("code").asString()).isEqualTo("unreachable");
    }

    @Test
    void anUnknownModelFailsTheModelCheck() {
        OPENAI.models("gpt-5.6-luna")
                .chatFails(
                        404,
                        "model_not_found",
                        "invalid_request_error",
                        "The model `gpt-nope` does not exist or you do not have access to it.");
        JsonNode result = test(addKey(fakeKey("sk-"), OPENAI.baseUrl()), Map.of("model", "openai/gpt-nope"));
        assertThat(result.get("ok").asBoolean()).isFalse();
        assertThat(result.get("model").asString()).isEqualTo("gpt-nope");
        assertThat(checks(result)).containsExactly("reachable=true", "auth=true", "model=false");
        assertThat(result.get("error").get("code").asString()).isEqualTo("model_not_found");
        assertThat(result.get("error").get("message").asString()).contains("gpt-nope", "does not exist");
        OPENAI.server()
                .verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                        .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-nope"))));
    }

    @Test
    void aRequestedCatalogModelIsCalledByItsProviderName() {
        OPENAI.models("gpt-6-astra").chatAnswers("gpt-6-astra");
        JsonNode result = test(addKey(fakeKey("sk-"), OPENAI.baseUrl()), Map.of("model", "openai/gpt-6-astra"));
        assertThat(result.get("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.get("model").asString()).isEqualTo("gpt-6-astra");
        OPENAI.server()
                .verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                        .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-6-astra"))));
    }

    @Test
    void rateLimitsAreReportedAsSuch() {
        OPENAI.models("gpt-5.6-luna").chatFails(429, "rate_limit_exceeded", "requests", "Rate limit reached");
        JsonNode result = test(addKey(fakeKey("sk-"), OPENAI.baseUrl()), null);
        assertThat(result.get("error").get("code").asString()).isEqualTo("rate_limited");
        assertThat(checks(result)).containsExactly("reachable=true", "auth=true", "model=false");
    }
}
