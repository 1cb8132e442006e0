package dev.atom.ai.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.ai.AiGateway;
import dev.atom.ai.AiGatewayException;
import dev.atom.ai.CallSource;
import dev.atom.testing.TestUsers;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which candidate answers: the named model, policies over the shipped catalog, capability and key filtering,
 * and what the caller is told when nothing can answer. Each provider stub answers with its own name.
 */
class GatewayRoutingTest extends GatewayTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    AiGateway gateway;

    private TestUsers.User ann;

    @BeforeEach
    void signUp() {
        ann = users().signUp("ann");
    }

    private AiGateway.Caller caller() {
        return new AiGateway.Caller(ann.workspaceId(), ann.id(), CallSource.API_CLIENT, "req-" + UUID.randomUUID());
    }

    private static ObjectNode request(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    /** Keys for openai and deepseek whose stubs echo which upstream model they were asked for. */
    private void openAiAndDeepSeek() {
        for (String providerId : new String[] {"openai", "deepseek"}) {
            String prefix = prefix(providerId);
            provider.stubFor(post(urlPathMatching("/" + prefix + "/v1/chat/completions"))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody(answer(providerId, 10, 5, 0))));
            addKey(ann, providerId, prefix);
        }
    }

    private String answeredBy(String json) {
        return gateway.chat(caller(), request(json)).model();
    }

    @Test
    void policiesPickFromTheModelsTheCallerHoldsKeysFor() {
        openAiAndDeepSeek();
        String hello = "\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        // shipped prices: gpt-5.6-luna $0.20/$1.20, both deepseek models $0.28/$0.42 (reasoner ranks higher in
        // quality, which breaks the tie), gpt-6-astra has the highest quality
        assertThat(answeredBy("{\"model\":\"atom/cheapest\"," + hello + "}")).isEqualTo("deepseek/deepseek-reasoner");
        assertThat(answeredBy("{\"model\":\"atom/best\"," + hello + "}")).isEqualTo("openai/gpt-6-astra");
        assertThat(answeredBy("{\"model\":\"openai/gpt-5.6-terra\"," + hello + "}"))
                .isEqualTo("openai/gpt-5.6-terra");
        provider.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        urlPathMatching("/openai-.*/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-5.6-terra"))));
        assertThat(answeredBy("{\"models\":[\"anthropic/claude-haiku-5-5\",\"openai/gpt-5.6-luna\"]," + hello + "}"))
                .as("models without a key are skipped")
                .isEqualTo("openai/gpt-5.6-luna");
    }

    @Test
    void requiredCapabilitiesComeFromTheRequest() {
        openAiAndDeepSeek();
        // the deepseek models are cheapest but have no vision and no JSON schema output
        String image = "{\"model\":\"atom/cheapest\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"What is this?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":"
                + "\"data:image/png;base64,iVBORw0KGgo=\"}}]}]}";
        assertThat(answeredBy(image)).isEqualTo("openai/gpt-5.6-luna");
        String schema = "{\"model\":\"atom/cheapest\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"hi\"}],\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"t\",\"schema\":"
                + "{\"type\":\"object\"}}}}";
        assertThat(answeredBy(schema)).isEqualTo("openai/gpt-5.6-luna");
        String tools = "{\"model\":\"atom/cheapest\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"hi\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{}}}]}";
        assertThat(answeredBy(tools)).as("deepseek has tools").isEqualTo("deepseek/deepseek-reasoner");
        String tooLong = "{\"model\":\"atom/cheapest\",\"max_tokens\":120000,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + "word ".repeat(20_000) + "\"}]}";
        assertThat(answeredBy(tooLong))
                .as("20K prompt + 120K output exceed deepseek's 128K windows")
                .isEqualTo("openai/gpt-5.6-luna");

        String namedWithImage = image.replace("atom/cheapest", "deepseek/deepseek-chat");
        assertThatThrownBy(() -> gateway.chat(caller(), request(namedWithImage)))
                .isInstanceOfSatisfying(AiGatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("model_not_capable");
                    assertThat(e.getMessage()).contains("deepseek/deepseek-chat lacks image input");
                });
    }

    @Test
    void unknownModelsAndMissingKeysSayWhatToDo() {
        String hi = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        assertThatThrownBy(() -> gateway.chat(caller(), request("{\"model\":\"openai/gpt-nope\"," + hi + "}")))
                .isInstanceOfSatisfying(AiGatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("model_not_found");
                    assertThat(e.getMessage()).contains("openai/gpt-nope", "/api/v1/ai/models");
                });
        assertThatThrownBy(
                        () -> gateway.chat(caller(), request("{\"model\":\"anthropic/claude-haiku-5-5\"," + hi + "}")))
                .isInstanceOfSatisfying(AiGatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("no_usable_key");
                    assertThat(e.getMessage()).contains("anthropic/claude-haiku-5-5", "Add a key");
                });
        assertThatThrownBy(() -> gateway.chat(caller(), request("{\"model\":\"atom/fastest\"," + hi + "}")))
                .isInstanceOfSatisfying(
                        AiGatewayException.class, e -> assertThat(e.code()).isEqualTo("no_usable_key"));
        assertThatThrownBy(() -> gateway.chat(caller(), request("{" + hi + "}")))
                .isInstanceOfSatisfying(AiGatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("model_required");
                });
    }

    @Test
    void embeddingsGoOnlyToEmbeddingModelsAndAreCostedFromTheirUsage() {
        String prefix = prefix("emb");
        provider.stubFor(post(urlPathMatching("/" + prefix + "/v1/embeddings"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                                + "\"embedding\":[0.1,0.2,0.3]}],\"model\":\"text-embedding-3-small\","
                                + "\"usage\":{\"prompt_tokens\":1000000,\"total_tokens\":1000000}}")));
        addKey(ann, "openai", prefix);
        pinPrices(ann, "openai/text-embedding-3-small", "0.02", "0", "0.02");

        var result = gateway.embeddings(caller(), request("{\"model\":\"atom/cheapest\",\"input\":\"hello\"}"));

        assertThat(result.model()).isEqualTo("openai/text-embedding-3-small");
        assertThat(result.costMicros()).as("a million tokens at $0.02").isEqualTo(20_000);
        provider.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        urlPathMatching("/" + prefix + "/v1/embeddings"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("text-embedding-3-small"))));
    }

    @Test
    void anotherUsersKeyIsNeverUsed() {
        TestUsers.User bob = users().invite("bob", ann, "member");
        String prefix = prefix("bobs");
        provider.stubFor(post(urlPathMatching("/" + prefix + "/v1/chat/completions"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(answer("bob's", 1, 1, 0))));
        addKey(bob, "openai", prefix);
        assertThatThrownBy(
                        () -> gateway.chat(
                                caller(),
                                request(
                                        "{\"model\":\"openai/gpt-5.6-luna\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")))
                .isInstanceOfSatisfying(
                        AiGatewayException.class, e -> assertThat(e.code()).isEqualTo("no_usable_key"));
    }
}
