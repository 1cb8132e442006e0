package dev.atom.ai.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.ai.catalog.Capability;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Capabilities, output bound and the token estimate come from the request itself. */
class RequestNeedsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final TokenEstimator tokens = new TokenEstimator();

    private RequestNeeds chat(String json) {
        return RequestNeeds.chat((ObjectNode) JSON.readTree(json), tokens);
    }

    @Test
    void readsToolsImagesAndJsonSchema() {
        var needs = chat("""
                {"messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}},
                 "max_completion_tokens":300, "max_tokens": 999}
                """);
        assertThat(needs.capabilities())
                .containsExactlyInAnyOrder(Capability.TOOLS, Capability.VISION, Capability.JSON_SCHEMA);
        assertThat(needs.maxOutputTokens()).isEqualTo(300);
        assertThat(needs.promptTokens()).isGreaterThan(TokenEstimator.IMAGE_TOKENS);
        assertThat(
                        chat("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"response_format\":{\"type\":\"json_object\"}}")
                                .capabilities())
                .isEmpty();
    }

    @Test
    void theOutputBoundIsTheRequestsLimitElseTheModelsMaximum() {
        var unlimited = chat("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(unlimited.outputBound(8_192)).isEqualTo(8_192);
        assertThat(unlimited.outputBound(0)).as("unknown model maximum").isEqualTo(RequestNeeds.DEFAULT_MAX_OUTPUT);
        var limited = chat("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":100}");
        assertThat(limited.outputBound(8_192)).isEqualTo(100);
    }

    @Test
    void theEstimateCountsTokensWithAMarginAndGrowsWithThePrompt() {
        String text = "The quick brown fox jumps over the lazy dog. ".repeat(100);
        int exact = tokens.count(text);
        assertThat(exact).isBetween(900, 1_100); // about 10 tokens per sentence in o200k_base
        var needs = chat("{\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}");
        assertThat(needs.promptTokens()).isBetween(exact, (int) (exact * 1.2) + 20);
        var embeddings =
                RequestNeeds.embeddings((ObjectNode) JSON.readTree("{\"input\":[\"hello\",\"world\"]}"), tokens);
        assertThat(embeddings.capabilities()).containsExactly(Capability.EMBEDDINGS);
        assertThat(embeddings.promptTokens()).isBetween(2, 4);
        assertThat(embeddings.outputBound(0)).isZero();
    }
}
