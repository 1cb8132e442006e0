package dev.atom.ai.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAI-compatible face over HTTP, through the real gateway, keys and adapters, to a WireMock provider. */
class OpenAiFaceTest extends AppTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<Map<String, String>> HELLO = List.of(Map.of("role", "user", "content", "Say hello"));
    private static ProviderStub stub;
    private FaceCaller ann;

    @BeforeAll
    static void startStub() {
        stub = new ProviderStub().start();
    }

    @AfterAll
    static void stopStub() {
        stub.stop();
    }

    @BeforeEach
    void caller() {
        ann = FaceCaller.signUp(this::http, "ann");
        ann.addKey("openai-compatible", "stub", stub.baseUrl(WIREMOCK_HOST, "compat"));
    }

    @Test
    void plainCompletion_isTheProvidersAnswerWithModelProviderCostAndUsage() {
        var answer = ann.client().post("/v1/chat/completions", Map.of("model", "stub/fake-model", "messages", HELLO));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.raw().headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(answer.raw().headers().firstValue("x-atom-model")).hasValue("stub/fake-model");
        assertThat(answer.raw().headers().firstValue("x-atom-provider")).hasValue("openai-compatible");
        assertThat(answer.raw().headers().firstValue("x-atom-cost-usd")).hasValue("0.000000");
        JsonNode body = answer.json();
        assertThat(body.get("object").asString()).isEqualTo("chat.completion");
        assertThat(body.at("/choices/0/message/content").asString()).isEqualTo("Hello from the stub.");
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(12);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(7);
        assertThat(body.at("/usage/prompt_tokens_details/cached_tokens").asInt())
                .isEqualTo(2);
        stub.server.verify(postRequestedFor(urlPathEqualTo("/compat/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer sk-stub-0123456789abcdef0123456789abcdef"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("fake-model"))));
    }

    @Test
    void imagesAndJsonSchema_reachAModelThatCanDoThem_andTheCostIsPriced() {
        ann.addKey("openai", null, stub.baseUrl(WIREMOCK_HOST, "openai"));
        Map<String, Object> request = Map.of(
                "model",
                "openai/gpt-5.6-luna",
                "messages",
                List.of(Map.of(
                        "role",
                        "user",
                        "content",
                        List.of(
                                Map.of("type", "text", "text", "What is in this image?"),
                                Map.of(
                                        "type",
                                        "image_url",
                                        "image_url",
                                        Map.of("url", "data:image/png;base64,iVBORw0KGgo="))))),
                "response_format",
                Map.of(
                        "type",
                        "json_schema",
                        "json_schema",
                        Map.of("name", "thing", "strict", true, "schema", Map.of("type", "object"))));

        var answer = ann.client().post("/v1/chat/completions", request);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.raw().headers().firstValue("x-atom-model")).hasValue("openai/gpt-5.6-luna");
        assertThat(answer.raw().headers().firstValue("x-atom-provider")).hasValue("openai");
        // 10 uncached x $0.20 + 2 cached x $0.02 + 7 out x $1.20 per million = 10.44 micro-dollars, rounded up
        assertThat(answer.raw().headers().firstValue("x-atom-cost-usd")).hasValue("0.000011");
        stub.server.verify(postRequestedFor(urlPathEqualTo("/openai/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-5.6-luna")))
                .withRequestBody(matchingJsonPath(
                        "$.messages[0].content[1].image_url.url", equalTo("data:image/png;base64,iVBORw0KGgo=")))
                .withRequestBody(matchingJsonPath("$.response_format.json_schema.name", equalTo("thing"))));
    }

    @Test
    void toolCall_goesToTheProviderAndComesBackAsTheProviderSentIt() {
        Map<String, Object> tool = Map.of(
                "type",
                "function",
                "function",
                Map.of(
                        "name",
                        "get_weather",
                        "parameters",
                        Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")))));
        var answer = ann.client()
                .post(
                        "/v1/chat/completions",
                        Map.of(
                                "model",
                                "stub/tool-model",
                                "messages",
                                HELLO,
                                "tools",
                                List.of(tool),
                                "tool_choice",
                                "auto"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode call = answer.json().at("/choices/0/message/tool_calls/0");
        assertThat(call.get("id").asString()).isEqualTo("call_abc123");
        assertThat(call.at("/function/name").asString()).isEqualTo("get_weather");
        assertThat(call.at("/function/arguments").asString()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(answer.json().at("/choices/0/finish_reason").asString()).isEqualTo("tool_calls");
        stub.server.verify(postRequestedFor(urlPathEqualTo("/compat/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("tool-model")))
                .withRequestBody(matchingJsonPath("$.tools[0].function.name", equalTo("get_weather")))
                .withRequestBody(matchingJsonPath("$.tool_choice", equalTo("auto"))));
    }

    @Test
    void stream_isServerSentEventsWithHeadersFirstAndOneFinalUsageChunk() throws Exception {
        HttpResponse<String> response = stream(Map.of("model", "stub/fake-model", "messages", HELLO, "stream", true));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(response.headers().firstValue("x-atom-model")).hasValue("stub/fake-model");
        assertThat(response.headers().firstValue("x-atom-provider")).hasValue("openai-compatible");
        List<String> events = events(response.body());
        assertThat(events.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream()
                .map(JSON::readTree)
                .toList();
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asString("")));
        assertThat(text).hasToString("Hello streamed");
        assertThat(chunks)
                .allSatisfy(c -> assertThat(c.get("object").asString()).isEqualTo("chat.completion.chunk"));
        List<JsonNode> withUsage = chunks.stream()
                .filter(c -> c.get("usage") != null && !c.get("usage").isNull())
                .toList();
        assertThat(withUsage).containsExactly(chunks.getLast());
        JsonNode last = chunks.getLast();
        assertThat(last.get("choices")).isEmpty();
        assertThat(last.at("/usage/prompt_tokens").asInt()).isEqualTo(9);
        assertThat(last.at("/usage/completion_tokens").asInt()).isEqualTo(2);
        assertThat(last.at("/usage/total_tokens").asInt()).isEqualTo(11);
        assertThat(last.at("/x_atom/model").asString()).isEqualTo("stub/fake-model");
        assertThat(last.at("/x_atom/provider").asString()).isEqualTo("openai-compatible");
        assertThat(last.at("/x_atom/cost_usd").asString()).isEqualTo("0.000000");
        assertThat(last.get("id").asString()).isEqualTo("chatcmpl-stub3");
    }

    @Test
    void streamThatFailsBeforeItsFirstChunk_isAnOrdinaryJsonError() throws Exception {
        HttpResponse<String> response = stream(Map.of("model", "stub/broken-model", "messages", HELLO, "stream", true));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("type").asString()).isEqualTo("api_error");
        assertThat(error.get("message").asString()).contains("stub/broken-model");
        assertThat(response.headers().firstValue("x-atom-model")).isEmpty();
    }

    @Test
    void modelsList_fallsBackToTheNextModelWhenOneFails() {
        var answer = ann.client()
                .post(
                        "/v1/chat/completions",
                        Map.of("models", List.of("stub/broken-model", "stub/fake-model"), "messages", HELLO));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.raw().headers().firstValue("x-atom-model")).hasValue("stub/fake-model");
        assertThat(answer.json().at("/choices/0/message/content").asString()).isEqualTo("Hello from the stub.");
    }

    @Test
    void policy_picksAModelTheCallerHoldsAKeyFor() {
        var answer = ann.client().post("/v1/chat/completions", Map.of("model", "atom/cheapest", "messages", HELLO));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.raw().headers().firstValue("x-atom-model"))
                .hasValueSatisfying(m -> assertThat(m).startsWith("stub/"));
        assertThat(answer.json().get("usage").isObject()).isTrue();
    }

    @Test
    void models_listsWhatTheCallerCanUseInOpenAisFormat() {
        var answer = ann.client().get("/v1/models");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("object").asString()).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        answer.json().get("data").forEach(m -> {
            assertThat(m.get("object").asString()).isEqualTo("model");
            ids.add(m.get("id").asString());
        });
        assertThat(ids)
                .contains("stub/fake-model", "stub/tool-model", "atom/default", "atom/cheapest", "atom/balanced");
        assertThat(ids).noneMatch(id -> id.startsWith("openai/")); // no openai key

        var stranger = FaceCaller.signUp(this::http, "stranger").client().get("/v1/models");
        assertThat(stranger.json().get("data")).isEmpty();
    }

    @Test
    void embeddings_answerInOpenAisFormatWithUsage() {
        var answer = ann.client().post("/v1/embeddings", Map.of("model", "stub/text-embedding-fake", "input", "hello"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().at("/data/0/embedding").size()).isEqualTo(3);
        assertThat(answer.json().at("/usage/prompt_tokens").asInt()).isEqualTo(3);
        assertThat(answer.raw().headers().firstValue("x-atom-model")).hasValue("stub/text-embedding-fake");
    }

    @Test
    void unknownModel_is404NamingTheModelParameter() {
        var answer = ann.client().post("/v1/chat/completions", Map.of("model", "no-such/model", "messages", HELLO));

        assertThat(answer.status()).isEqualTo(404);
        JsonNode error = answer.json().get("error");
        assertThat(error.get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.get("code").asString()).isEqualTo("model_not_found");
        assertThat(error.get("param").asString()).isEqualTo("model");
    }

    @Test
    void providerRefusingTheKey_isAnOpenAiErrorWithItsStatus_withoutTheKey() {
        FaceCaller bob = FaceCaller.signUp(this::http, "bob");
        bob.addKey("openai", null, stub.baseUrl(WIREMOCK_HOST, "refusing"));

        var answer =
                bob.client().post("/v1/chat/completions", Map.of("model", "openai/gpt-5.6-luna", "messages", HELLO));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().at("/error/type").asString()).isEqualTo("authentication_error");
        assertThat(answer.json().at("/error/code").asString()).isEqualTo("invalid_api_key");
        assertThat(answer.body()).doesNotContain("0123456789abcdef");
    }

    @Test
    void missingOrWrongToken_is401InOpenAisFormat() {
        var none = http().post("/v1/chat/completions", Map.of("model", "stub/fake-model", "messages", HELLO));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().at("/error/type").asString()).isEqualTo("invalid_request_error");
        assertThat(none.json().at("/error/message").asString()).contains("didn't provide an API key");
        assertThat(none.json().get("error").has("param")).isTrue();

        var wrong = http().bearer("atom_pat_not-a-real-token")
                .post("/v1/chat/completions", Map.of("model", "stub/fake-model", "messages", HELLO));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().at("/error/code").asString()).isEqualTo("invalid_api_key");

        var models = http().bearer("atom_pat_not-a-real-token").get("/v1/models");
        assertThat(models.status()).isEqualTo(401);
        assertThat(models.json().at("/error/code").asString()).isEqualTo("invalid_api_key");

        var api = http().get("/api/v1/tasks"); // Atom's own API keeps problem+json
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.json().get("status").asInt()).isEqualTo(401);
    }

    @Test
    void badRequests_are400NamingTheParameter() {
        var malformed = ann.client().post("/v1/chat/completions", "{\"model\": \"stub/fake-model\", \"messages\": [");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().at("/error/type").asString()).isEqualTo("invalid_request_error");
        assertThat(malformed.json().at("/error/message").asString()).contains("could not parse the JSON body");

        var noMessages = ann.client().post("/v1/chat/completions", Map.of("model", "stub/fake-model"));
        assertThat(noMessages.status()).isEqualTo(400);
        assertThat(noMessages.json().at("/error/param").asString()).isEqualTo("messages");
        assertThat(noMessages.json().at("/error/code").asString()).isEqualTo("missing_required_parameter");

        var noModel = ann.client().post("/v1/chat/completions", Map.of("messages", HELLO));
        assertThat(noModel.status()).isEqualTo(400);
        assertThat(noModel.json().at("/error/param").asString()).isEqualTo("model");

        var badRole = ann.client()
                .post(
                        "/v1/chat/completions",
                        Map.of("model", "stub/fake-model", "messages", List.of(Map.of("content", "x"))));
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.json().at("/error/param").asString()).isEqualTo("messages[0].role");

        var badStream = ann.client()
                .post("/v1/chat/completions", Map.of("model", "stub/fake-model", "messages", HELLO, "stream", "yes"));
        assertThat(badStream.status()).isEqualTo(400);
        assertThat(badStream.json().at("/error/param").asString()).isEqualTo("stream");

        var noInput = ann.client().post("/v1/embeddings", Map.of("model", "stub/text-embedding-fake"));
        assertThat(noInput.status()).isEqualTo(400);
        assertThat(noInput.json().at("/error/param").asString()).isEqualTo("input");
    }

    @Test
    void unknownRouteOrMethod_isOpenAis404() {
        var unknown = ann.client().post("/v1/completions", Map.of("model", "x", "prompt", "hi"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/error/message").asString()).isEqualTo("Invalid URL (POST /v1/completions)");

        var wrongMethod = ann.client().get("/v1/chat/completions");
        assertThat(wrongMethod.status()).isEqualTo(404);
        assertThat(wrongMethod.json().at("/error/message").asString())
                .isEqualTo("Invalid URL (GET /v1/chat/completions)");
    }

    private HttpResponse<String> stream(Map<String, Object> body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + ann.token())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The data of each server-sent event, in order; every event must be exactly {@code data: ...\n\n}. */
    private static List<String> events(String body) {
        assertThat(body).endsWith("\n\n");
        List<String> events = new ArrayList<>();
        for (String event : body.substring(0, body.length() - 2).split("\n\n", -1)) {
            assertThat(event).startsWith("data: ").doesNotContain("\n");
            events.add(event.substring("data: ".length()));
        }
        return events;
    }
}
