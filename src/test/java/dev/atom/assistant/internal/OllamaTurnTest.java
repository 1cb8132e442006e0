package dev.atom.assistant.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/**
 * The assistant's turns against Ollama's OpenAI-compatible endpoint (https://docs.ollama.com/api/openai-compatibility)
 * through an {@code openai-compatible} key without an API key: the base URL is the server's {@code /v1}, its
 * models are discovered from {@code /v1/models} (ids with their tag) and named {@code <key name>/<model>}, no
 * Authorization header is sent, and a streamed answer brings its tool calls whole, all in one chunk.
 */
class OllamaTurnTest extends WireFormatTurnContract {
    @Override
    ScriptedWire wire(String prefix) {
        provider.stubFor(get(urlPathEqualTo("/" + prefix + "/v1/models")).willReturn(okJson("""
                        {"object":"list","data":[
                          {"id":"llama3.2:latest","object":"model","created":1733616000,"owned_by":"library"},
                          {"id":"nomic-embed-text:latest","object":"model","created":1733616000,"owned_by":"library"}]}
                        """)));
        return new ScriptedModel(
                provider,
                prefix,
                new ScriptedModel.Dialect(
                        "openai-compatible",
                        prefix + "/llama3.2:latest",
                        "/v1/chat/completions",
                        m -> m.withHeader("Authorization", absent()),
                        true,
                        ScriptedWire.NODES.objectNode()));
    }

    @Override
    void addVendorKey(String vendor) {
        addKey(Map.of(
                "provider", "openai-compatible", "name", vendor, "scope", "user", "baseUrl", root(vendor) + "/v1"));
    }

    @Override
    void assertResultAnswers(String[] result, String callId, String toolName) {
        assertThat(result[0]).isEqualTo(callId);
    }
}
