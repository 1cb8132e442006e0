package dev.atom.ai.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * An OpenAI-protocol provider on WireMock, answering in the documented wire format (API reference: chat
 * completion object, chat completion chunk object with {@code stream_options.include_usage}, embeddings,
 * models list, error object). Under {@code /compat/v1} an openai-compatible server with the models
 * {@code fake-model} (text), {@code tool-model} (answers with a tool call), {@code broken-model} (500) and
 * {@code text-embedding-fake}; under {@code /openai/v1} an OpenAI endpoint for an {@code openai} key; under
 * {@code /refusing/v1} one that refuses every key (401).
 */
final class ProviderStub {
    static final String COMPLETION = """
            {"id":"chatcmpl-stub1","object":"chat.completion","created":1735689600,"model":"%s",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the stub.","refusal":null},\
            "logprobs":null,"finish_reason":"stop"}],\
            "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19,\
            "prompt_tokens_details":{"cached_tokens":2},"completion_tokens_details":{"reasoning_tokens":0}},\
            "system_fingerprint":"fp_stub"}""";
    static final String TOOL_CALL = """
            {"id":"chatcmpl-stub2","object":"chat.completion","created":1735689600,"model":"tool-model",\
            "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_abc123",\
            "type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},\
            "logprobs":null,"finish_reason":"tool_calls"}],\
            "usage":{"prompt_tokens":40,"completion_tokens":15,"total_tokens":55}}""";
    static final String STREAM = """
            data: {"id":"chatcmpl-stub3","object":"chat.completion.chunk","created":1735689600,"model":"fake-model",\
            "choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-stub3","object":"chat.completion.chunk","created":1735689600,"model":"fake-model",\
            "choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-stub3","object":"chat.completion.chunk","created":1735689600,"model":"fake-model",\
            "choices":[{"index":0,"delta":{"content":" streamed"},"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-stub3","object":"chat.completion.chunk","created":1735689600,"model":"fake-model",\
            "choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}

            data: {"id":"chatcmpl-stub3","object":"chat.completion.chunk","created":1735689600,"model":"fake-model",\
            "choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,\
            "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}

            data: [DONE]

            """;
    static final String EMBEDDINGS = """
            {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,-0.2,0.3]}],\
            "model":"text-embedding-fake","usage":{"prompt_tokens":3,"total_tokens":3}}""";
    static final String MODELS = """
            {"object":"list","data":[\
            {"id":"fake-model","object":"model","created":1735689600,"owned_by":"stub"},\
            {"id":"tool-model","object":"model","created":1735689600,"owned_by":"stub"},\
            {"id":"broken-model","object":"model","created":1735689600,"owned_by":"stub"},\
            {"id":"text-embedding-fake","object":"model","created":1735689600,"owned_by":"stub"}]}""";

    final WireMockServer server = new WireMockServer(options().dynamicPort());

    ProviderStub start() {
        server.start();
        String chat = "/compat/v1/chat/completions";
        server.stubFor(get(urlPathEqualTo("/compat/v1/models")).willReturn(okJson(MODELS)));
        server.stubFor(post(urlPathEqualTo(chat))
                .withRequestBody(matchingJsonPath("$.model", equalTo("fake-model")))
                .willReturn(okJson(COMPLETION.formatted("fake-model"))));
        server.stubFor(post(urlPathEqualTo(chat))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.model", equalTo("fake-model")))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody(STREAM)));
        server.stubFor(post(urlPathEqualTo(chat))
                .withRequestBody(matchingJsonPath("$.model", equalTo("tool-model")))
                .willReturn(okJson(TOOL_CALL)));
        server.stubFor(post(urlPathEqualTo(chat))
                .withRequestBody(matchingJsonPath("$.model", equalTo("broken-model")))
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}")));
        server.stubFor(post(urlPathEqualTo("/compat/v1/embeddings")).willReturn(okJson(EMBEDDINGS)));
        server.stubFor(post(urlPathEqualTo("/openai/v1/chat/completions"))
                .willReturn(okJson(COMPLETION.formatted("gpt-5.6-luna"))));
        server.stubFor(post(urlPathEqualTo("/refusing/v1/chat/completions"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Incorrect API key provided: sk-...0000.\","
                                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}")));
        return this;
    }

    /** A base URL for AI keys: {@code kind} is compat, openai or refusing. */
    String baseUrl(String host, String kind) {
        return "http://" + host + ":" + server.port() + "/" + kind + "/v1";
    }

    void stop() {
        server.stop();
    }
}
