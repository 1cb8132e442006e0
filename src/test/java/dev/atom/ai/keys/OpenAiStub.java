package dev.atom.ai.keys;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A WireMock stand-in for a server speaking OpenAI's documented wire format
 * (https://platform.openai.com/docs/api-reference: {@code GET /v1/models} answers {@code {"object":"list","data":
 * [{"id":...,"object":"model"}]}}; {@code POST /v1/chat/completions} a {@code chat.completion}; errors
 * {@code {"error":{"message","type","param","code"}}}) on a random loopback port. Nothing reaches the internet.
 */
public final class OpenAiStub implements AutoCloseable {
    private final WireMockServer server;

    public OpenAiStub() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
    }

    public WireMockServer server() {
        return server;
    }

    /** The base URL a key would carry: {@code http://localhost:PORT/v1}. */
    public String baseUrl() {
        return "http://localhost:" + server.port() + "/v1";
    }

    public void reset() {
        server.resetAll();
    }

    public OpenAiStub models(String... ids) {
        String data = List.of(ids).stream()
                .map(id ->
                        "{\"id\":\"" + id + "\",\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"system\"}")
                .collect(Collectors.joining(","));
        server.stubFor(get(urlPathEqualTo("/v1/models"))
                .willReturn(json(200, "{\"object\":\"list\",\"data\":[" + data + "]}")));
        return this;
    }

    public OpenAiStub modelsFail(int status, String code, String type, String message) {
        server.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(json(status, error(code, type, message))));
        return this;
    }

    public OpenAiStub chatAnswers(String model) {
        server.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(json(200, """
                        {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"%s",
                         "choices":[{"index":0,"message":{"role":"assistant","content":"OK"},"finish_reason":"length"}],
                         "usage":{"prompt_tokens":9,"completion_tokens":1,"total_tokens":10,
                                  "prompt_tokens_details":{"cached_tokens":0}}}
                        """.formatted(model))));
        return this;
    }

    public OpenAiStub chatFails(int status, String code, String type, String message) {
        server.stubFor(
                post(urlPathEqualTo("/v1/chat/completions")).willReturn(json(status, error(code, type, message))));
        return this;
    }

    @Override
    public void close() {
        server.stop();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    private static String error(String code, String type, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":\"" + code
                + "\"}}";
    }
}
