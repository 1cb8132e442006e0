package dev.atom.assistant.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/**
 * The assistant's turns against Azure OpenAI's classic deployments path
 * (https://learn.microsoft.com/azure/ai-foundry/openai/reference): the key's base URL is the resource, requests
 * go to {@code {resource}/openai/deployments/{deployment}/chat/completions?api-version=...} with the key in the
 * {@code api-key} header (never a Bearer token); the bodies are OpenAI's.
 */
class AzureOpenAiTurnTest extends WireFormatTurnContract {
    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @Override
    ScriptedWire wire(String prefix) {
        return new ScriptedModel(
                provider,
                prefix,
                new ScriptedModel.Dialect(
                        "azure-openai",
                        "azure-openai/gpt-5.6-luna",
                        "/openai/deployments/luna-prod/chat/completions",
                        m -> m.withQueryParam("api-version", equalTo("2024-10-21"))
                                .withHeader("api-key", equalTo(KEY))
                                .withHeader("Authorization", absent()),
                        false,
                        ScriptedWire.NODES.objectNode()));
    }

    @Override
    void addVendorKey(String vendor) {
        addKey(Map.of(
                "provider", "azure-openai",
                "apiKey", KEY,
                "name", vendor,
                "scope", "user",
                "baseUrl", root(vendor),
                "deployment", "luna-prod",
                "apiVersion", "2024-10-21"));
    }

    @Override
    void assertResultAnswers(String[] result, String callId, String toolName) {
        assertThat(result[0]).isEqualTo(callId);
    }
}
