package dev.atom.ai.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract every provider adapter meets, LangChain4j style: each adapter's test extends this class and
 * supplies its provider's documented wire format (where calls go, the stub bodies, and checks of what the
 * adapter sent). The adapter talks to WireMock on a random port; nothing reaches the internet.
 */
abstract class ProviderAdapterContract extends ProviderFailureContract {

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
}
