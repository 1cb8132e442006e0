package dev.atom.ai.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.atom.ai.Usage;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's Messages API as documented: https://docs.anthropic.com/en/api/messages (requests and answers),
 * https://docs.anthropic.com/en/api/messages-streaming (events), https://docs.anthropic.com/en/docs/build-with-claude/tool-use
 * (tool_use / tool_result), https://docs.anthropic.com/en/docs/build-with-claude/vision (image sources),
 * https://docs.anthropic.com/en/api/errors, https://docs.anthropic.com/en/api/models-list.
 */
class AnthropicAdapterTest extends ProviderAdapterContract {

    @Override
    ProviderAdapter adapter(ProviderHttp http) {
        return new AnthropicAdapter(http);
    }

    @Override
    ProviderCredentials credentials(URI baseUrl) {
        return new ProviderCredentials("key-a", "anthropic", KEY, baseUrl, null, null);
    }

    @Override
    String basePath() {
        return "/v1";
    }

    @Override
    MappingBuilder chatCall() {
        return post(urlPathEqualTo("/v1/messages"));
    }

    @Override
    MappingBuilder streamCall() {
        return chatCall();
    }

    @Override
    MappingBuilder embeddingsCall() {
        return null;
    }

    @Override
    MappingBuilder modelsCall() {
        return get(urlPathEqualTo("/v1/models"));
    }

    // https://docs.anthropic.com/en/api/messages (response, usage with prompt caching fields)
    @Override
    String plainAnswer() {
        return """
                {"id":"msg_013Zva2CMHLNnXjNJJKqJ2EF","type":"message","role":"assistant",
                 "model":"claude-sonnet-4-20250514","content":[{"type":"text","text":"Hello! How can I help?"}],
                 "stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":86,"cache_creation_input_tokens":0,"cache_read_input_tokens":1920,
                   "output_tokens":300,"service_tier":"standard"}}""";
    }

    @Override
    Usage plainUsage() {
        return new Usage(2006, 300, 1920);
    }

    // https://docs.anthropic.com/en/api/messages-streaming ("Basic streaming request")
    @Override
    String streamedAnswer() {
        return """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-20250514","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":176,"cache_creation_input_tokens":0,"cache_read_input_tokens":1024,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: ping
                data: {"type":"ping"}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" world"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}}

                event: message_stop
                data: {"type":"message_stop"}

                """;
    }

    @Override
    Usage streamedUsage() {
        return new Usage(1200, 2, 1024);
    }

    // https://docs.anthropic.com/en/docs/build-with-claude/tool-use (a tool_use answer)
    @Override
    String toolCallAnswer() {
        return """
                {"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",
                 "stop_reason":"tool_use","stop_sequence":null,
                 "content":[{"type":"text","text":"I'll check the weather in Paris."},
                   {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather",
                    "input":{"location":"Paris"}}],
                 "usage":{"input_tokens":82,"output_tokens":17}}""";
    }

    // https://docs.anthropic.com/en/api/messages-streaming ("Streaming request with tool use")
    @Override
    String streamedToolCall() {
        return """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","stop_sequence":null,"usage":{"input_tokens":472,"output_tokens":2},"content":[],"stop_reason":null}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Let me check."}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: content_block_start
                data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"location\\": \\"Pa"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"ris\\"}"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":1}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

                event: message_stop
                data: {"type":"message_stop"}

                """;
    }

    @Override
    String jsonSchemaAnswer() {
        return """
                {"id":"msg_01J","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",
                 "stop_reason":"tool_use","stop_sequence":null,
                 "content":[{"type":"tool_use","id":"toolu_01J","name":"weather","input":{"temp_c":18}}],
                 "usage":{"input_tokens":60,"output_tokens":6}}""";
    }

    @Override
    String embeddingsAnswer() {
        return null;
    }

    @Override
    Usage embeddingsUsage() {
        return Usage.NONE;
    }

    // https://docs.anthropic.com/en/api/models-list
    @Override
    String modelsAnswer() {
        return """
                {"data":[
                  {"type":"model","id":"claude-sonnet-4-20250514","display_name":"Claude Sonnet 4","created_at":"2025-05-22T00:00:00Z"},
                  {"type":"model","id":"claude-3-5-haiku-20241022","display_name":"Claude Haiku 3.5","created_at":"2024-10-22T00:00:00Z"}],
                 "has_more":false,"first_id":"claude-sonnet-4-20250514","last_id":"claude-3-5-haiku-20241022"}""";
    }

    @Override
    List<String> expectedModels() {
        return List.of("claude-sonnet-4-20250514", "claude-3-5-haiku-20241022");
    }

    // https://docs.anthropic.com/en/api/errors
    @Override
    String errorBody(int status, String message) {
        String type = switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
        ObjectNode body = Json.object();
        body.put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        body.put("request_id", "req_011CSHoEeqs5C35K2UUqR7Fy");
        return Json.write(body);
    }

    @Override
    String contextTooLongBody() {
        return errorBody(400, "prompt is too long: 208310 tokens > 200000 maximum");
    }

    private static void verifyHeaders(LoggedRequest sent) {
        assertThat(sent.getHeader("x-api-key")).isEqualTo(KEY);
        assertThat(sent.getHeader("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.containsHeader("Authorization")).isFalse();
    }

    @Override
    void verifyPlainRequest(LoggedRequest sent, JsonNode body) {
        verifyHeaders(sent);
        // temperature and top_p both given: only temperature goes (newer Claude models reject both)
        assertThat(body).isEqualTo(json("""
                {"model":"test-model","max_tokens":100,"system":"You are terse.",
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],
                 "temperature":0.2,"stop_sequences":["END"]}"""));
    }

    @Override
    void verifyStreamRequest(LoggedRequest sent, JsonNode body) {
        verifyHeaders(sent);
        assertThat(body).isEqualTo(json("""
                {"model":"test-model","max_tokens":100,"system":"You are terse.",
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],
                 "temperature":0.2,"stop_sequences":["END"],"stream":true}"""));
    }

    @Override
    void verifyToolRequest(JsonNode body) {
        ObjectNode expected = json("""
                {"model":"test-model","max_tokens":4096,"messages":[
                  {"role":"user","content":[{"type":"text","text":"Weather in Paris?"}]},
                  {"role":"assistant","content":[{"type":"tool_use","id":"call_1","name":"get_weather",
                    "input":{"location":"Paris"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"{\\"temp_c\\":18}"},
                    {"type":"text","text":"And in Lyon?"}]}],
                 "tools":[{"name":"get_weather","description":"Current weather","input_schema":{"type":"object",
                   "properties":{"location":{"type":"string"}},"required":["location"]}}],
                 "tool_choice":{"type":"auto"}}""");
        if (body.has("stream")) {
            expected.put("stream", true);
        }
        assertThat(body).isEqualTo(expected);
    }

    @Override
    void verifyImageRequest(JsonNode body) {
        assertThat(body).isEqualTo(json("""
                {"model":"test-model","max_tokens":4096,"messages":[{"role":"user","content":[
                  {"type":"text","text":"What is in these images?"},
                  {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
                  {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}]}]}"""));
    }

    @Override
    void verifyJsonSchemaRequest(JsonNode body) {
        assertThat(body).isEqualTo(json("""
                {"model":"test-model","max_tokens":4096,
                 "messages":[{"role":"user","content":[{"type":"text","text":"Weather in Paris as JSON"}]}],
                 "tools":[{"name":"weather","description":"Respond with JSON that matches this schema.",
                   "input_schema":{"type":"object","properties":{"temp_c":{"type":"number"}},
                   "required":["temp_c"],"additionalProperties":false}}],
                 "tool_choice":{"type":"tool","name":"weather"}}"""));
    }

    @Override
    void verifyEmbeddingsRequest(LoggedRequest sent, JsonNode body) {}

    @Override
    void verifyModelsRequest(LoggedRequest sent) {
        verifyHeaders(sent);
    }

    // https://docs.anthropic.com/en/api/messages-streaming#error-events: an overloaded_error mid-stream
    @Test
    void errorEventMidStream_isRetriableOverloadedAfterTheFirstChunks() {
        wm.stubFor(streamCall().willReturn(sseAnswer("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-20250514","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":1}}}

                event: error
                data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}

                """)));
        List<ObjectNode> chunks = new ArrayList<>();

        assertThatThrownBy(() -> adapter.stream(credentials(), plainRequest(), chunks::add))
                .isInstanceOfSatisfying(ProviderException.Retriable.class, e -> {
                    assertThat(e.code()).isEqualTo("overloaded");
                    assertThat(e.status()).isEqualTo(529);
                });
        assertThat(chunks).hasSize(1);
    }

    @Test
    void streamCutBeforeMessageStop_isRetriable() {
        wm.stubFor(streamCall()
                .willReturn(
                        sseAnswer(streamedAnswer().substring(0, streamedAnswer().indexOf("event: message_delta")))));

        assertThatThrownBy(() -> adapter.stream(credentials(), plainRequest(), chunk -> {}))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.code()).isEqualTo("connection_reset"));
    }

    @Test
    void jsonSchemaOutput_streamed_arrivesAsContent() throws Exception {
        wm.stubFor(streamCall().willReturn(sseAnswer("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_2","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-20250514","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":60,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_2","name":"weather","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"temp_c\\""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":": 18}"}}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":6}}

                event: message_stop
                data: {"type":"message_stop"}

                """)));
        List<ObjectNode> chunks = new ArrayList<>();

        StreamOutcome outcome = adapter.stream(credentials(), jsonSchemaRequest(), chunks::add);

        assertThat(Json.MAPPER.readTree(content(chunks))).isEqualTo(json("{\"temp_c\":18}"));
        assertThat(outcome.finishReason()).isEqualTo("stop");
        assertThat(outcome.usage()).isEqualTo(new Usage(60, 6, 0));
    }

    @Test
    void cacheWrites_countAsInputAndAreReported() throws Exception {
        wm.stubFor(chatCall()
                .willReturn(jsonAnswer(plainAnswer()
                        .replace("\"cache_creation_input_tokens\":0", "\"cache_creation_input_tokens\":500"))));

        ChatResponse response = adapter.chat(credentials(), plainRequest());

        assertThat(response.usage()).isEqualTo(new Usage(2506, 300, 1920));
        assertThat(response.body()
                        .path("usage")
                        .path("cache_creation_input_tokens")
                        .asLong())
                .isEqualTo(500);
    }

    @Test
    void modelsArePaged() throws Exception {
        wm.stubFor(modelsCall()
                .withQueryParam("after_id", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(jsonAnswer("""
                        {"data":[{"type":"model","id":"claude-a"}],"has_more":true,"first_id":"claude-a","last_id":"claude-a"}""")));
        wm.stubFor(modelsCall()
                .withQueryParam("after_id", com.github.tomakehurst.wiremock.client.WireMock.equalTo("claude-a"))
                .willReturn(jsonAnswer("""
                        {"data":[{"type":"model","id":"claude-b"}],"has_more":false,"first_id":"claude-b","last_id":"claude-b"}""")));

        assertThat(adapter.listModels(credentials())).containsExactly("claude-a", "claude-b");
    }
}
