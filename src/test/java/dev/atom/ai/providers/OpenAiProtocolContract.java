package dev.atom.ai.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.atom.ai.Usage;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI Chat Completions wire format, shared by the four OpenAI-protocol adapters' tests. Bodies follow
 * the OpenAI API reference: https://platform.openai.com/docs/api-reference/chat/object (plain),
 * .../chat-streaming/streaming (chunks, include_usage), https://platform.openai.com/docs/guides/function-calling
 * (streamed tool-call deltas), .../embeddings/object, .../models/list, https://platform.openai.com/docs/guides/error-codes.
 * The requests go through untouched, so the checks compare what was sent with what was asked.
 */
abstract class OpenAiProtocolContract extends ProviderAdapterContract {

    /** The path of an endpoint under WireMock ("/v1/chat/completions"...). */
    abstract String path(String endpoint);

    /** Checks the key went in the provider's header (and nowhere else). */
    abstract void verifyAuth(LoggedRequest sent);

    MappingBuilder withQuery(MappingBuilder call) {
        return call;
    }

    /** The provider's usage block; OpenAI's shape by default. */
    String usageJson(long prompt, long completion, long cached) {
        return """
                {"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,
                 "prompt_tokens_details":{"cached_tokens":%d,"audio_tokens":0},
                 "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,
                   "accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}""".formatted(prompt, completion, prompt + completion, cached);
    }

    @Override
    MappingBuilder chatCall() {
        return withQuery(post(urlPathEqualTo(path("chat/completions"))));
    }

    @Override
    MappingBuilder streamCall() {
        return chatCall();
    }

    @Override
    MappingBuilder embeddingsCall() {
        return withQuery(post(urlPathEqualTo(path("embeddings"))));
    }

    @Override
    MappingBuilder modelsCall() {
        return withQuery(get(urlPathEqualTo(path("models"))));
    }

    // https://platform.openai.com/docs/api-reference/chat/object
    @Override
    String plainAnswer() {
        return """
                {"id":"chatcmpl-123","object":"chat.completion","created":1677652288,"model":"gpt-4o-mini",
                 "system_fingerprint":"fp_44709d6fcb",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help?",
                   "refusal":null},"logprobs":null,"finish_reason":"stop"}],
                 "usage":%s,"service_tier":"default"}""".formatted(usageJson(2006, 300, 1920));
    }

    @Override
    Usage plainUsage() {
        return new Usage(2006, 300, 1920);
    }

    // https://platform.openai.com/docs/api-reference/chat-streaming/streaming (with stream_options.include_usage)
    @Override
    String streamedAnswer() {
        String head = "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
                + "\"model\":\"gpt-4o-mini\",\"system_fingerprint\":\"fp_44709d6fcb\",";
        return "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"
                + "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},"
                + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"
                + "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" world\"},"
                + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"
                + "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
                + "\"finish_reason\":\"stop\"}],\"usage\":null}\n\n"
                + "data: " + head + "\"choices\":[],\"usage\":"
                + usageJson(1200, 2, 1024).replace("\n", "")
                + "}\n\n"
                + "data: [DONE]\n\n";
    }

    @Override
    Usage streamedUsage() {
        return new Usage(1200, 2, 1024);
    }

    // https://platform.openai.com/docs/guides/function-calling (tool_calls in the message)
    @Override
    String toolCallAnswer() {
        return """
                {"id":"chatcmpl-abc","object":"chat.completion","created":1699896916,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
                   {"id":"call_abc123","type":"function","function":{"name":"get_weather",
                    "arguments":"{\\"location\\":\\"Paris\\"}"}}]},"logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":%s}""".formatted(usageJson(82, 17, 0));
    }

    // https://platform.openai.com/docs/guides/function-calling#streaming (arguments arrive in pieces)
    @Override
    String streamedToolCall() {
        String head = "{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"created\":1723800000,"
                + "\"model\":\"gpt-4o-mini\",";
        return "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,"
                + "\"tool_calls\":[{\"index\":0,\"id\":\"call_DdmO9pD3xa9XTPNJ32zg2hcA\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}\n\n"
                + "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                + "\"function\":{\"arguments\":\"{\\\"location\"}}]},\"finish_reason\":null}]}\n\n"
                + "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                + "\"function\":{\"arguments\":\"\\\":\\\"Paris\\\"}\"}}]},\"finish_reason\":null}]}\n\n"
                + "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n"
                + "data: " + head + "\"choices\":[],\"usage\":"
                + usageJson(82, 17, 0).replace("\n", "") + "}\n\n"
                + "data: [DONE]\n\n";
    }

    // https://platform.openai.com/docs/guides/structured-outputs (the JSON arrives as content)
    @Override
    String jsonSchemaAnswer() {
        return """
                {"id":"chatcmpl-js","object":"chat.completion","created":1723800000,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"{\\"temp_c\\":18}","refusal":null},
                   "logprobs":null,"finish_reason":"stop"}],"usage":%s}""".formatted(usageJson(60, 6, 0));
    }

    // https://platform.openai.com/docs/api-reference/embeddings/object
    @Override
    String embeddingsAnswer() {
        return """
                {"object":"list","data":[{"object":"embedding","embedding":[0.1,0.2,0.3],"index":0}],
                 "model":"text-embedding-3-small","usage":{"prompt_tokens":8,"total_tokens":8}}""";
    }

    @Override
    Usage embeddingsUsage() {
        return new Usage(8, 0, 0);
    }

    // https://platform.openai.com/docs/api-reference/models/list
    @Override
    String modelsAnswer() {
        return """
                {"object":"list","data":[
                  {"id":"gpt-4o-mini","object":"model","created":1686935002,"owned_by":"system"},
                  {"id":"text-embedding-3-small","object":"model","created":1705948997,"owned_by":"system"}]}""";
    }

    @Override
    List<String> expectedModels() {
        return List.of("gpt-4o-mini", "text-embedding-3-small");
    }

    // https://platform.openai.com/docs/guides/error-codes
    @Override
    String errorBody(int status, String message) {
        String code = switch (status) {
            case 401 -> "\"invalid_api_key\"";
            case 404 -> "\"model_not_found\"";
            case 429 -> "\"rate_limit_exceeded\"";
            default -> "null";
        };
        String type = status == 429 ? "requests" : status >= 500 ? "server_error" : "invalid_request_error";
        return "{\"error\":{\"message\":"
                + Json.write(Json.MAPPER.getNodeFactory().stringNode(message)) + ",\"type\":\"" + type
                + "\",\"param\":null,\"code\":" + code + "}}";
    }

    @Override
    String contextTooLongBody() {
        return """
                {"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages \
                resulted in 130412 tokens. Please reduce the length of the messages.",
                 "type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""";
    }

    @Override
    void verifyPlainRequest(LoggedRequest sent, JsonNode body) {
        verifyAuth(sent);
        assertThat(sent.getHeader("Content-Type")).startsWith("application/json");
        assertThat(body).isEqualTo(plainRequest());
    }

    @Override
    void verifyStreamRequest(LoggedRequest sent, JsonNode body) {
        verifyAuth(sent);
        assertThat(sent.getHeader("Accept")).isEqualTo("text/event-stream");
        ObjectNode expected = plainRequest();
        expected.put("stream", true);
        expected.putObject("stream_options").put("include_usage", true);
        assertThat(body).isEqualTo(expected);
    }

    @Override
    void verifyToolRequest(JsonNode body) {
        ObjectNode expected = toolRequest();
        if (body.has("stream")) {
            expected.put("stream", true);
            expected.putObject("stream_options").put("include_usage", true);
        }
        assertThat(body).isEqualTo(expected);
    }

    @Override
    void verifyImageRequest(JsonNode body) {
        assertThat(body).isEqualTo(imageRequest());
    }

    @Override
    void verifyJsonSchemaRequest(JsonNode body) {
        assertThat(body).isEqualTo(jsonSchemaRequest());
    }

    @Override
    void verifyEmbeddingsRequest(LoggedRequest sent, JsonNode body) {
        verifyAuth(sent);
        assertThat(body).isEqualTo(embeddingsRequest());
    }

    @Override
    void verifyModelsRequest(LoggedRequest sent) {
        verifyAuth(sent);
    }
}
