package dev.atom.ai.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.atom.ai.Usage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every provider adapter contract test shares: the suppliers each provider's test implements, the
 * canonical requests, WireMock on a random port and the stub helpers. The checks themselves are in
 * {@link ProviderFailureContract} (errors, timeouts, resets) and {@link ProviderAdapterContract} (answers).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProviderContractBase {
    static final String MODEL = "test-model";
    static final String KEY = "sk-canary-0123456789abcdefXYZ";
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

    protected WireMockServer wm;
    protected ProviderAdapter adapter;
    ProviderHttp http;

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
