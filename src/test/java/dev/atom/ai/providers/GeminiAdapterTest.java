package dev.atom.ai.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.atom.ai.Usage;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gemini as documented: https://ai.google.dev/api/generate-content (request, GenerateContentResponse,
 * usageMetadata, streamGenerateContent with alt=sse), https://ai.google.dev/gemini-api/docs/function-calling
 * (functionDeclarations, functionCall, functionResponse), https://ai.google.dev/gemini-api/docs/structured-output
 * (responseMimeType + responseJsonSchema), https://ai.google.dev/api/embeddings, https://ai.google.dev/api/models,
 * https://ai.google.dev/gemini-api/docs/troubleshooting (error codes and statuses).
 */
class GeminiAdapterTest extends ProviderAdapterContract {

    @Override
    ProviderAdapter adapter(ProviderHttp http) {
        return new GeminiAdapter(http);
    }

    @Override
    ProviderCredentials credentials(URI baseUrl) {
        return new ProviderCredentials("key-g", "gemini", KEY, baseUrl, null, null);
    }

    @Override
    String basePath() {
        return "/v1beta";
    }

    @Override
    MappingBuilder chatCall() {
        return post(urlPathEqualTo("/v1beta/models/test-model:generateContent"));
    }

    @Override
    MappingBuilder streamCall() {
        return post(urlPathEqualTo("/v1beta/models/test-model:streamGenerateContent"))
                .withQueryParam("alt", equalTo("sse"));
    }

    @Override
    MappingBuilder embeddingsCall() {
        return post(urlPathEqualTo("/v1beta/models/test-model:embedContent"));
    }

    @Override
    MappingBuilder modelsCall() {
        return get(urlPathEqualTo("/v1beta/models"));
    }

    // https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse
    @Override
    String plainAnswer() {
        return """
                {"candidates":[{"content":{"parts":[{"text":"Hello! How can I help?"}],"role":"model"},
                   "finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":2006,"candidatesTokenCount":250,"thoughtsTokenCount":50,
                   "totalTokenCount":2306,"cachedContentTokenCount":1920,
                   "promptTokensDetails":[{"modality":"TEXT","tokenCount":2006}]},
                 "modelVersion":"gemini-2.5-flash","responseId":"mAitaLmkHPPlz7IPvtfUqQ4"}""";
    }

    @Override
    Usage plainUsage() {
        return new Usage(2006, 300, 1920);
    }

    // https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent (alt=sse: one
    // GenerateContentResponse per event; the stream simply ends)
    @Override
    String streamedAnswer() {
        return """
                data: {"candidates":[{"content":{"parts":[{"text":"Hello"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":1200,"totalTokenCount":1200,"cachedContentTokenCount":1024},"modelVersion":"gemini-2.5-flash","responseId":"r1"}

                data: {"candidates":[{"content":{"parts":[{"text":" world"}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":1200,"candidatesTokenCount":2,"totalTokenCount":1202,"cachedContentTokenCount":1024},"modelVersion":"gemini-2.5-flash","responseId":"r1"}

                """;
    }

    @Override
    Usage streamedUsage() {
        return new Usage(1200, 2, 1024);
    }

    // https://ai.google.dev/gemini-api/docs/function-calling (a functionCall part)
    @Override
    String toolCallAnswer() {
        return """
                {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"get_weather",
                   "args":{"location":"Paris"}}}]},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":82,"candidatesTokenCount":17,"totalTokenCount":99},
                 "modelVersion":"gemini-2.5-flash","responseId":"r2"}""";
    }

    @Override
    String streamedToolCall() {
        return """
                data: {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"location":"Paris"}}}]},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":82,"candidatesTokenCount":17,"totalTokenCount":99},"modelVersion":"gemini-2.5-flash","responseId":"r3"}

                """;
    }

    // https://ai.google.dev/gemini-api/docs/structured-output (the JSON comes back as text)
    @Override
    String jsonSchemaAnswer() {
        return """
                {"candidates":[{"content":{"parts":[{"text":"{\\"temp_c\\": 18}"}],"role":"model"},
                   "finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":60,"candidatesTokenCount":6,"totalTokenCount":66},
                 "modelVersion":"gemini-2.5-flash","responseId":"r4"}""";
    }

    // https://ai.google.dev/api/embeddings#method:-models.embedcontent (response: {"embedding":{"values":[...]}})
    @Override
    String embeddingsAnswer() {
        return """
                {"embedding":{"values":[0.1,0.2,0.3]}}""";
    }

    @Override
    Usage embeddingsUsage() {
        return new Usage(2, 0, 0); // estimated: "hello" is five characters
    }

    // https://ai.google.dev/api/models#method:-models.list
    @Override
    String modelsAnswer() {
        return """
                {"models":[
                  {"name":"models/gemini-2.5-flash","version":"001","displayName":"Gemini 2.5 Flash",
                   "inputTokenLimit":1048576,"outputTokenLimit":65536,
                   "supportedGenerationMethods":["generateContent","countTokens","createCachedContent"]},
                  {"name":"models/gemini-embedding-001","version":"001","displayName":"Gemini Embedding 001",
                   "supportedGenerationMethods":["embedContent","countTextTokens"]}]}""";
    }

    @Override
    List<String> expectedModels() {
        return List.of("gemini-2.5-flash", "gemini-embedding-001");
    }

    // https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
    @Override
    String errorBody(int status, String message) {
        String code = switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> "INTERNAL";
        };
        ObjectNode body = Json.object();
        body.putObject("error").put("code", status).put("message", message).put("status", code);
        return Json.write(body);
    }

    @Override
    String contextTooLongBody() {
        return errorBody(
                400, "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).");
    }

    private static void verifyKeyHeader(LoggedRequest sent) {
        assertThat(sent.getHeader("x-goog-api-key")).isEqualTo(KEY);
        assertThat(sent.getUrl()).doesNotContain(KEY);
    }

    private static final String PLAIN = """
            {"contents":[{"role":"user","parts":[{"text":"Hi"}]}],
             "systemInstruction":{"parts":[{"text":"You are terse."}]},
             "generationConfig":{"maxOutputTokens":100,"temperature":0.2,"topP":0.9,"stopSequences":["END"]}}""";

    @Override
    void verifyPlainRequest(LoggedRequest sent, JsonNode body) {
        verifyKeyHeader(sent);
        assertThat(body).isEqualTo(json(PLAIN));
    }

    @Override
    void verifyStreamRequest(LoggedRequest sent, JsonNode body) {
        verifyKeyHeader(sent);
        assertThat(body).isEqualTo(json(PLAIN));
    }

    @Override
    void verifyToolRequest(JsonNode body) {
        assertThat(body).isEqualTo(json("""
                {"contents":[
                  {"role":"user","parts":[{"text":"Weather in Paris?"}]},
                  {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"location":"Paris"}}}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"temp_c":18}}},
                    {"text":"And in Lyon?"}]}],
                 "tools":[{"functionDeclarations":[{"name":"get_weather","description":"Current weather",
                   "parametersJsonSchema":{"type":"object","properties":{"location":{"type":"string"}},
                   "required":["location"]}}]}],
                 "toolConfig":{"functionCallingConfig":{"mode":"AUTO"}}}"""));
    }

    @Override
    void verifyImageRequest(JsonNode body) {
        assertThat(body).isEqualTo(json("""
                {"contents":[{"role":"user","parts":[{"text":"What is in these images?"},
                  {"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}},
                  {"fileData":{"mimeType":"image/jpeg","fileUri":"https://example.com/cat.jpg"}}]}]}"""));
    }

    @Override
    void verifyJsonSchemaRequest(JsonNode body) {
        assertThat(body).isEqualTo(json("""
                {"contents":[{"role":"user","parts":[{"text":"Weather in Paris as JSON"}]}],
                 "generationConfig":{"responseMimeType":"application/json",
                   "responseJsonSchema":{"type":"object","properties":{"temp_c":{"type":"number"}},
                   "required":["temp_c"],"additionalProperties":false}}}"""));
    }

    @Override
    void verifyEmbeddingsRequest(LoggedRequest sent, JsonNode body) {
        verifyKeyHeader(sent);
        assertThat(body).isEqualTo(json("""
                {"model":"models/test-model","content":{"parts":[{"text":"hello"}]}}"""));
    }

    @Override
    void verifyModelsRequest(LoggedRequest sent) {
        verifyKeyHeader(sent);
    }

    // https://ai.google.dev/api/embeddings#method:-models.batchembedcontents
    @Test
    void embeddings_batch() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/v1beta/models/test-model:batchEmbedContents"))
                .willReturn(jsonAnswer("""
                {"embeddings":[{"values":[0.1,0.2]},{"values":[0.3,0.4]}]}""")));

        ChatResponse response = adapter.embeddings(credentials(), json("""
                {"model":"test-model","input":["hello","world!"],"dimensions":2}"""));

        assertThat(response.body().path("data").path(1).path("index").asInt()).isEqualTo(1);
        assertThat(response.body()
                        .path("data")
                        .path(1)
                        .path("embedding")
                        .path(1)
                        .asDouble())
                .isEqualTo(0.4);
        assertThat(Json.MAPPER.readTree(onlyRequest().getBodyAsString())).isEqualTo(json("""
                {"requests":[
                  {"model":"models/test-model","content":{"parts":[{"text":"hello"}]},"outputDimensionality":2},
                  {"model":"models/test-model","content":{"parts":[{"text":"world!"}]},"outputDimensionality":2}]}"""));
    }

    // Gemini answers a bad key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID
    @Test
    void badKey_is400ButInvalidApiKey() {
        wm.stubFor(chatCall().willReturn(errorAnswer(400, """
                {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",
                  "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID",
                    "domain":"googleapis.com"}]}}""")));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(
                        ProviderException.Permanent.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_api_key"));
    }

    // https://ai.google.dev/gemini-api/docs/rate-limits: 429 RESOURCE_EXHAUSTED with a RetryInfo detail
    @Test
    void rateLimit_retryInfoInTheBody() {
        wm.stubFor(chatCall().willReturn(errorAnswer(429, """
                {"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED",
                  "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"21s"}]}}""")));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(21)));
    }

    @Test
    void blockedPrompt_isAContentFilterFinish() throws Exception {
        wm.stubFor(chatCall().willReturn(jsonAnswer("""
                {"promptFeedback":{"blockReason":"SAFETY"},
                 "usageMetadata":{"promptTokenCount":8,"totalTokenCount":8},"modelVersion":"gemini-2.5-flash"}""")));

        ChatResponse response = adapter.chat(credentials(), plainRequest());

        assertThat(response.body().path("choices").path(0).path("finish_reason").asString())
                .isEqualTo("content_filter");
        assertThat(response.usage()).isEqualTo(new Usage(8, 0, 0));
    }
}
