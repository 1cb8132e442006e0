package dev.atom.ai.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.atom.ai.Usage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract every provider adapter meets, LangChain4j style: each adapter's test extends this class and
 * supplies its provider's documented wire format (where calls go, the stub bodies, and checks of what the
 * adapter sent). The adapter talks to WireMock on a random port; nothing reaches the internet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProviderAdapterContract {
    static final String MODEL = "test-model";
    static final String KEY = "sk-canary-0123456789abcdefXYZ";
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

    protected WireMockServer wm;
    protected ProviderAdapter adapter;
    private ProviderHttp http;

    // ---- what each provider's test supplies ----

    abstract ProviderAdapter adapter(ProviderHttp http);

    /** The credentials of a key whose base URL points at {@code baseUrl} (WireMock). */
    abstract ProviderCredentials credentials(URI baseUrl);

    abstract MappingBuilder chatCall();

    abstract MappingBuilder streamCall();

    /** Null when the provider has no embeddings API. */
    abstract MappingBuilder embeddingsCall();

    abstract MappingBuilder modelsCall();

    /** A plain answer "Hello! How can I help?" with {@link #plainUsage()}. */
    abstract String plainAnswer();

    abstract Usage plainUsage();

    /** A streamed answer "Hello" + " world", ending with usage {@link #streamedUsage()}. */
    abstract String streamedAnswer();

    abstract Usage streamedUsage();

    /** An answer calling get_weather with {"location":"Paris"}. */
    abstract String toolCallAnswer();

    abstract String streamedToolCall();

    /** An answer whose JSON output is {"temp_c":18}, to the JSON-schema request. */
    abstract String jsonSchemaAnswer();

    /** Embeddings [0.1, 0.2, 0.3] for "hello" ({@link #embeddingsUsage()}). */
    abstract String embeddingsAnswer();

    abstract Usage embeddingsUsage();

    abstract String modelsAnswer();

    abstract List<String> expectedModels();

    abstract String errorBody(int status, String message);

    abstract String contextTooLongBody();

    abstract void verifyPlainRequest(LoggedRequest sent, JsonNode body);

    abstract void verifyStreamRequest(LoggedRequest sent, JsonNode body);

    abstract void verifyToolRequest(JsonNode body);

    abstract void verifyImageRequest(JsonNode body);

    abstract void verifyJsonSchemaRequest(JsonNode body);

    abstract void verifyEmbeddingsRequest(LoggedRequest sent, JsonNode body);

    abstract void verifyModelsRequest(LoggedRequest sent);

    // ---- the canonical (OpenAI) requests every adapter gets ----

    static ObjectNode plainRequest() {
        return json("""
                {"model":"test-model","messages":[
                  {"role":"system","content":"You are terse."},
                  {"role":"user","content":"Hi"}],
                 "max_tokens":100,"temperature":0.2,"top_p":0.9,"stop":["END"]}""");
    }

    static ObjectNode toolRequest() {
        return json("""
                {"model":"test-model","messages":[
                  {"role":"user","content":"Weather in Paris?"},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                    "function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"{\\"temp_c\\":18}"},
                  {"role":"user","content":"And in Lyon?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather",
                   "parameters":{"type":"object","properties":{"location":{"type":"string"}},
                   "required":["location"]}}}],
                 "tool_choice":"auto"}""");
    }

    static ObjectNode imageRequest() {
        return json("""
                {"model":"test-model","messages":[{"role":"user","content":[
                  {"type":"text","text":"What is in these images?"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                  {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}}]}]}""");
    }

    static ObjectNode jsonSchemaRequest() {
        return json("""
                {"model":"test-model","messages":[{"role":"user","content":"Weather in Paris as JSON"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"weather","strict":true,
                   "schema":{"type":"object","properties":{"temp_c":{"type":"number"}},
                   "required":["temp_c"],"additionalProperties":false}}}}""");
    }

    static ObjectNode embeddingsRequest() {
        return json("""
                {"model":"test-model","input":"hello"}""");
    }

    // ---- lifecycle ----

    @BeforeAll
    void startWireMock() {
        wm = new WireMockServer(wireMockConfig().dynamicPort());
        wm.start();
        http = new ProviderHttp(Duration.ofSeconds(2), READ_TIMEOUT, Clock.fixed(NOW, ZoneOffset.UTC));
        adapter = adapter(http);
    }

    @AfterAll
    void stopWireMock() {
        http.close();
        wm.stop();
    }

    @BeforeEach
    void resetStubs() {
        wm.resetAll();
    }

    ProviderCredentials credentials() {
        return credentials(URI.create(wm.baseUrl() + basePath()));
    }

    /** The path under WireMock's root that stands for the provider's base URL ("/v1" and the like). */
    String basePath() {
        return "";
    }

    // ---- the contract ----

    @Test
    void plainAnswer_translatesBothWays() throws Exception {
        wm.stubFor(chatCall().willReturn(jsonAnswer(plainAnswer())));

        ChatResponse response = adapter.chat(credentials(), plainRequest());

        JsonNode message = response.body().path("choices").path(0).path("message");
        assertThat(message.path("role").asString()).isEqualTo("assistant");
        assertThat(message.path("content").asString()).isEqualTo("Hello! How can I help?");
        assertThat(response.body().path("choices").path(0).path("finish_reason").asString())
                .isEqualTo("stop");
        assertThat(response.usage()).isEqualTo(plainUsage());
        JsonNode usage = response.body().path("usage");
        assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(plainUsage().inputTokens());
        assertThat(usage.path("completion_tokens").asLong())
                .isEqualTo(plainUsage().outputTokens());
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asLong())
                .isEqualTo(plainUsage().cachedInputTokens());
        LoggedRequest sent = onlyRequest();
        verifyPlainRequest(sent, Json.MAPPER.readTree(sent.getBodyAsString()));
    }

    @Test
    void streamedAnswer_arrivesAsOpenAiChunksWithFinalUsage() throws Exception {
        wm.stubFor(streamCall().willReturn(sseAnswer(streamedAnswer())));
        List<ObjectNode> chunks = new ArrayList<>();

        StreamOutcome outcome = adapter.stream(credentials(), plainRequest(), chunks::add);

        assertThat(chunks)
                .allSatisfy(c -> assertThat(c.path("object").asString()).isEqualTo("chat.completion.chunk"));
        assertThat(content(chunks)).isEqualTo("Hello world");
        assertThat(outcome.finishReason()).isEqualTo("stop");
        assertThat(outcome.usageReported()).isTrue();
        assertThat(outcome.usage()).isEqualTo(streamedUsage());
        ObjectNode last = chunks.getLast();
        assertThat(last.path("usage").path("prompt_tokens").asLong())
                .isEqualTo(streamedUsage().inputTokens());
        assertThat(last.path("usage")
                        .path("prompt_tokens_details")
                        .path("cached_tokens")
                        .asLong())
                .isEqualTo(streamedUsage().cachedInputTokens());
        LoggedRequest sent = onlyRequest();
        verifyStreamRequest(sent, Json.MAPPER.readTree(sent.getBodyAsString()));
    }

    @Test
    void toolCall_plain() throws Exception {
        wm.stubFor(chatCall().willReturn(jsonAnswer(toolCallAnswer())));

        ChatResponse response = adapter.chat(credentials(), toolRequest());

        JsonNode choice = response.body().path("choices").path(0);
        assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
        JsonNode call = choice.path("message").path("tool_calls").path(0);
        assertThat(call.path("id").asString()).isNotBlank();
        assertThat(call.path("type").asString()).isEqualTo("function");
        assertThat(call.path("function").path("name").asString()).isEqualTo("get_weather");
        assertThat(Json.MAPPER.readTree(call.path("function").path("arguments").asString()))
                .isEqualTo(json("{\"location\":\"Paris\"}"));
        verifyToolRequest(Json.MAPPER.readTree(onlyRequest().getBodyAsString()));
    }

    @Test
    void toolCall_streamed() throws Exception {
        wm.stubFor(streamCall().willReturn(sseAnswer(streamedToolCall())));
        List<ObjectNode> chunks = new ArrayList<>();

        StreamOutcome outcome = adapter.stream(credentials(), toolRequest(), chunks::add);

        assertThat(outcome.finishReason()).isEqualTo("tool_calls");
        String id = null;
        String name = null;
        StringBuilder arguments = new StringBuilder();
        for (ObjectNode chunk : chunks) {
            for (JsonNode call : chunk.path("choices")
                    .path(0)
                    .path("delta")
                    .path("tool_calls")
                    .values()) {
                assertThat(call.path("index").asInt()).isZero();
                id = call.hasNonNull("id") ? call.get("id").asString() : id;
                name = call.path("function").hasNonNull("name")
                        ? call.path("function").get("name").asString()
                        : name;
                arguments.append(call.path("function").path("arguments").asString(""));
            }
        }
        assertThat(id).isNotBlank();
        assertThat(name).isEqualTo("get_weather");
        assertThat(Json.MAPPER.readTree(arguments.toString())).isEqualTo(json("{\"location\":\"Paris\"}"));
        verifyToolRequest(Json.MAPPER.readTree(onlyRequest().getBodyAsString()));
    }

    @Test
    void images_areTranslated() throws Exception {
        wm.stubFor(chatCall().willReturn(jsonAnswer(plainAnswer())));

        adapter.chat(credentials(), imageRequest());

        verifyImageRequest(Json.MAPPER.readTree(onlyRequest().getBodyAsString()));
    }

    @Test
    void jsonSchemaOutput() throws Exception {
        wm.stubFor(chatCall().willReturn(jsonAnswer(jsonSchemaAnswer())));

        ChatResponse response = adapter.chat(credentials(), jsonSchemaRequest());

        JsonNode choice = response.body().path("choices").path(0);
        assertThat(Json.MAPPER.readTree(choice.path("message").path("content").asString()))
                .isEqualTo(json("{\"temp_c\":18}"));
        assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
        verifyJsonSchemaRequest(Json.MAPPER.readTree(onlyRequest().getBodyAsString()));
    }

    @Test
    void embeddings() throws Exception {
        MappingBuilder call = embeddingsCall();
        if (call == null) {
            assertThatThrownBy(() -> adapter.embeddings(credentials(), embeddingsRequest()))
                    .isInstanceOfSatisfying(
                            ProviderException.Permanent.class,
                            e -> assertThat(e.code()).isEqualTo("bad_request"));
            assertThat(wm.getAllServeEvents()).isEmpty();
            return;
        }
        wm.stubFor(call.willReturn(jsonAnswer(embeddingsAnswer())));

        ChatResponse response = adapter.embeddings(credentials(), embeddingsRequest());

        JsonNode data = response.body().path("data");
        assertThat(data.size()).isEqualTo(1);
        assertThat(data.path(0).path("index").asInt()).isZero();
        assertThat(data.path(0).path("embedding").values())
                .extracting(JsonNode::asDouble)
                .containsExactly(0.1, 0.2, 0.3);
        assertThat(response.usage()).isEqualTo(embeddingsUsage());
        LoggedRequest sent = onlyRequest();
        verifyEmbeddingsRequest(sent, Json.MAPPER.readTree(sent.getBodyAsString()));
    }

    @Test
    void listModels() throws Exception {
        wm.stubFor(modelsCall().willReturn(jsonAnswer(modelsAnswer())));

        assertThat(adapter.listModels(credentials())).containsExactlyElementsOf(expectedModels());
        verifyModelsRequest(onlyRequest());
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "400, permanent, bad_request",
        "401, permanent, invalid_api_key",
        "403, permanent, permission_denied",
        "404, permanent, model_not_found",
        "429, retriable, rate_limited",
        "500, retriable, server_error",
        "502, retriable, server_error",
        "503, retriable, server_error",
        "504, retriable, server_error",
        "529, retriable, overloaded"
    })
    void errorStatuses_areClassified(int status, String kind, String code) {
        wm.stubFor(
                chatCall().willReturn(errorAnswer(status, errorBody(status, "Something went wrong (" + status + ")"))));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e)
                            .isInstanceOf(
                                    kind.equals("retriable")
                                            ? ProviderException.Retriable.class
                                            : ProviderException.Permanent.class);
                    assertThat(e).isNotInstanceOf(ProviderException.ContextTooLong.class);
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains("Something went wrong (" + status + ")");
                });
    }

    @Test
    void errorBeforeTheFirstChunk_isThrownByStream() {
        wm.stubFor(streamCall().willReturn(errorAnswer(503, errorBody(503, "Service unavailable"))));
        List<ObjectNode> chunks = new ArrayList<>();

        assertThatThrownBy(() -> adapter.stream(credentials(), plainRequest(), chunks::add))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.status()).isEqualTo(503));
        assertThat(chunks).isEmpty();
    }

    @Test
    void rateLimit_retryAfterSeconds() {
        wm.stubFor(chatCall()
                .willReturn(
                        errorAnswer(429, errorBody(429, "Rate limit reached")).withHeader("Retry-After", "7")));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(ProviderException.Retriable.class, e -> {
                    assertThat(e.code()).isEqualTo("rate_limited");
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                });
    }

    @Test
    void rateLimit_retryAfterHttpDate() {
        wm.stubFor(chatCall()
                .willReturn(errorAnswer(429, errorBody(429, "Rate limit reached"))
                        .withHeader("Retry-After", "Thu, 01 Jan 2026 00:00:30 GMT")));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
    }

    @Test
    void contextTooLong() {
        wm.stubFor(chatCall().willReturn(errorAnswer(400, contextTooLongBody())));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(ProviderException.ContextTooLong.class, e -> {
                    assertThat(e.code()).isEqualTo("context_length_exceeded");
                    assertThat(e.status()).isEqualTo(400);
                });
    }

    @Test
    void keyEchoedByTheProvider_neverReachesTheMessage() {
        wm.stubFor(chatCall()
                .willReturn(errorAnswer(401, errorBody(401, "Incorrect API key provided: " + apiKey() + "."))));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_api_key");
                    assertThat(e.getMessage())
                            .doesNotContain(apiKey())
                            .doesNotContain(apiKey().substring(0, 12))
                            .contains("Incorrect API key provided");
                    assertThat(credentials().toString()).doesNotContain(apiKey());
                });
    }

    String apiKey() {
        return KEY;
    }

    @Test
    void timeout_beforeTheAnswer() {
        wm.stubFor(chatCall().willReturn(jsonAnswer(plainAnswer()).withFixedDelay(2_500)));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(ProviderException.Retriable.class, e -> {
                    assertThat(e.code()).isEqualTo("timeout");
                    assertThat(e.status()).isZero();
                });
        awaitServed();
    }

    @Test
    void timeout_whenTheBodyStallsAfterTheHeaders() {
        wm.stubFor(chatCall().willReturn(jsonAnswer(plainAnswer()).withChunkedDribbleDelay(2, 3_000)));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.code()).isEqualTo("timeout"));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        awaitServed();
    }

    @Test
    void timeout_whenTheStreamStalls() {
        wm.stubFor(streamCall().willReturn(sseAnswer(streamedAnswer()).withChunkedDribbleDelay(2, 3_000)));

        assertThatThrownBy(() -> adapter.stream(credentials(), plainRequest(), chunk -> {}))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.code()).isEqualTo("timeout"));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void connectionReset() {
        wm.stubFor(chatCall().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.code()).isEqualTo("connection_reset"));
    }

    @Test
    void connectionReset_whileStreaming() {
        wm.stubFor(streamCall().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> adapter.stream(credentials(), plainRequest(), chunk -> {}))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.code()).isEqualTo("connection_reset"));
    }

    @Test
    void unreachable() {
        ProviderCredentials nowhere = credentials(URI.create("http://127.0.0.1:1" + basePath()));

        assertThatThrownBy(() -> adapter.chat(nowhere, plainRequest()))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.code()).isEqualTo("unreachable"));
    }

    @Test
    void malformedBody() {
        wm.stubFor(chatCall().willReturn(jsonAnswer("{\"choices\": [ this is not json")));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_response"));
    }

    @Test
    void malformedStreamEvent() {
        wm.stubFor(streamCall().willReturn(sseAnswer("data: {not json\n\n")));

        assertThatThrownBy(() -> adapter.stream(credentials(), plainRequest(), chunk -> {}))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_response"));
    }

    // ---- helpers ----

    static ObjectNode json(String text) {
        return (ObjectNode) Json.MAPPER.readTree(text);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder jsonAnswer(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sseAnswer(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(body);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder errorAnswer(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /**
     * WireMock logs a request once it finished answering; a delayed answer would otherwise land in the next
     * test's request journal.
     */
    void awaitServed() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (wm.getAllServeEvents().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    LoggedRequest onlyRequest() {
        var events = wm.getAllServeEvents();
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().getWasMatched())
                .as("the adapter called the documented URL")
                .isTrue();
        return events.getFirst().getRequest();
    }

    static String content(List<ObjectNode> chunks) {
        StringBuilder text = new StringBuilder();
        for (ObjectNode chunk : chunks) {
            for (JsonNode choice : chunk.path("choices").values()) {
                JsonNode content = choice.path("delta").get("content");
                if (content != null && content.isString()) {
                    text.append(content.asString());
                }
            }
        }
        return text.toString();
    }
}
