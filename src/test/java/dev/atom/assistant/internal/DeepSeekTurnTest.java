package dev.atom.assistant.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static dev.atom.assistant.internal.ScriptedModel.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The assistant's turns against DeepSeek (https://api-docs.deepseek.com/api/create-chat-completion): the OpenAI
 * protocol at its own base URL (https://api.deepseek.com, no /v1), a Bearer key, the model deepseek-chat, and
 * prompt cache hits reported as {@code prompt_cache_hit_tokens} / {@code prompt_cache_miss_tokens}
 * (https://api-docs.deepseek.com/guides/kv_cache).
 */
class DeepSeekTurnTest extends WireFormatTurnContract {
    @Override
    ScriptedWire wire(String prefix) {
        return new ScriptedModel(
                provider,
                prefix,
                new ScriptedModel.Dialect(
                        "deepseek",
                        "deepseek/deepseek-chat",
                        "/chat/completions",
                        m -> m.withHeader("Authorization", matching("Bearer sk-test-[0-9a-f]{32}")),
                        false,
                        ScriptedWire.NODES
                                .objectNode()
                                .put("prompt_cache_hit_tokens", 64)
                                .put("prompt_cache_miss_tokens", 36)));
    }

    @Override
    void addVendorKey(String vendor) {
        addKey(Map.of(
                "provider",
                "deepseek",
                "apiKey",
                "sk-test-" + "0123456789abcdef".repeat(2),
                "name",
                vendor,
                "scope",
                "user",
                "baseUrl",
                root(vendor)));
    }

    @Override
    void assertResultAnswers(String[] result, String callId, String toolName) {
        assertThat(result[0]).isEqualTo(callId);
    }

    @Test
    void cacheHitsOfEveryStepArePricedAsCachedInput() {
        wire.plain(List.of(call("call_c", "test_tasks_create", "{\"title\":\"Pay rent\"}")), "Done.");
        var r = users().as(ann)
                .post(
                        "/api/v1/assistant/conversations/" + conversation + "/messages",
                        Map.of("text", "remind me to pay rent", "model", wire.model()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode message = r.json().get("message");
        assertThat(message.at("/usage/inputTokens").asLong()).isEqualTo(200);
        // per step 36 input tokens at $0.28/M, 64 cache hits at $0.028/M, 20 output at $0.42/M = 20.272 micro-dollars,
        // billed as 21; without the hits each step would be 37
        assertThat(message.get("costUsd").decimalValue()).as(message.toString()).isEqualByComparingTo("0.000042");
        assertThat(wire.requests())
                .allSatisfy(sent -> assertThat(sent.get("model").asString()).isEqualTo("deepseek-chat"));
    }
}
