package dev.atom.ai.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.atom.ai.AiGateway;
import dev.atom.ai.AiGatewayException;
import dev.atom.ai.CallSource;
import dev.atom.ai.ledger.UsageLedger;
import dev.atom.ai.ledger.UsageRecord;
import dev.atom.testing.TestUsers;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Failover through the real gateway, adapters and ledger against WireMock with injected faults (OpenAI's
 * documented error bodies, https://platform.openai.com/docs/guides/error-codes): 429 with Retry-After, 500,
 * 529, a connection reset and a delay beyond the read timeout each move to the next candidate until a healthy
 * one answers; permanent errors end the call; a context-length error moves only to a larger window.
 */
class GatewayFailoverTest extends GatewayTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LUNA = "openai/gpt-5.6-luna";

    @Autowired
    AiGateway gateway;

    @Autowired
    UsageLedger ledger;

    private TestUsers.User ann;

    @BeforeEach
    void signUp() {
        ann = users().signUp("ann");
        pinPrices(ann, LUNA, "0.2", "1.2", "0.02");
    }

    private AiGateway.Caller caller(String requestId) {
        return new AiGateway.Caller(ann.workspaceId(), ann.id(), CallSource.API_CLIENT, requestId);
    }

    private static ObjectNode request(String model) {
        return (ObjectNode) JSON.readTree("{\"model\":\"" + model + "\",\"max_tokens\":100,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}");
    }

    private static void stub(String prefix, ResponseDefinitionBuilder response) {
        provider.stubFor(
                post(urlPathEqualTo("/" + prefix + "/v1/chat/completions")).willReturn(response));
    }

    private static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"server_error\",\"code\":\"" + code
                        + "\"}}");
    }

    private static ResponseDefinitionBuilder ok(String text, long prompt, long completion, long cached) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(answer(text, prompt, completion, cached));
    }

    private static int calls(String prefix) {
        return provider.countRequestsMatching(postRequestedFor(urlPathEqualTo("/" + prefix + "/v1/chat/completions"))
                        .build())
                .getCount();
    }

    @Test
    void everyRetriableFaultMovesOnUntilAHealthyKeyAnswersAndEachAttemptIsALedgerRow() {
        String rateLimited = prefix("k429");
        String broken = prefix("k500");
        String overloaded = prefix("k529");
        String reset = prefix("reset");
        String slow = prefix("slow");
        String healthy = prefix("ok");
        stub(
                rateLimited,
                error(429, "rate_limit_exceeded", "Rate limit reached").withHeader("Retry-After", "30"));
        stub(broken, error(500, "server_error", "The server had an error"));
        stub(overloaded, error(529, "overloaded", "Overloaded"));
        stub(reset, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        stub(slow, ok("too late", 10, 10, 0).withFixedDelay(3_000));
        stub(healthy, ok("Hello from the healthy key", 1_000, 50, 400));
        List<String> keys = List.of(rateLimited, broken, overloaded, reset, slow, healthy).stream()
                .map(p -> addKey(ann, "openai", p))
                .toList();
        String requestId = "req-" + UUID.randomUUID();

        AiGateway.Result result = gateway.chat(caller(requestId), request(LUNA));

        assertThat(result.keyId()).isEqualTo(keys.get(5));
        assertThat(result.model()).isEqualTo(LUNA);
        assertThat(result.provider()).isEqualTo("openai");
        assertThat(result.body().at("/choices/0/message/content").asString()).isEqualTo("Hello from the healthy key");
        // (1000 - 400) * 0.2 + 400 * 0.02 + 50 * 1.2 = 120 + 8 + 60 = 188 micro-dollars
        assertThat(result.costMicros()).isEqualTo(188);
        assertThat(result.usage().cachedInputTokens()).isEqualTo(400);
        provider.verify(postRequestedFor(urlPathEqualTo("/" + healthy + "/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-5.6-luna")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("100"))));

        List<UsageRecord> rows = ledger.byRequest(ann.workspaceId(), requestId);
        assertThat(rows).extracting(UsageRecord::keyId).containsExactlyElementsOf(keys);
        assertThat(rows)
                .extracting(UsageRecord::outcome)
                .containsExactly("failed_over", "failed_over", "failed_over", "failed_over", "failed_over", "ok");
        assertThat(rows)
                .extracting(UsageRecord::errorCode)
                .containsExactly("rate_limited", "server_error", "overloaded", "connection_reset", "timeout", null);
        assertThat(rows.subList(0, 5))
                .allSatisfy(r -> assertThat(r.costMicros()).isZero());
        UsageRecord ok = rows.get(5);
        assertThat(ok.inputTokens()).isEqualTo(1_000);
        assertThat(ok.outputTokens()).isEqualTo(50);
        assertThat(ok.cachedTokens()).isEqualTo(400);
        assertThat(ok.costMicros()).isEqualTo(188);
        assertThat(ok.source()).isEqualTo("api_client");
        assertThat(ok.streamed()).isFalse();
        assertThat(ok.usageEstimated()).isFalse();
        assertThat(ok.userId()).isEqualTo(ann.id());

        // Retry-After blocked the rate-limited key: the next call does not try it again
        gateway.chat(caller("req-" + UUID.randomUUID()), request(LUNA));
        assertThat(calls(rateLimited)).isEqualTo(1);
    }

    @Test
    void permanentErrorsAreReturnedAsTheyAreWithoutTryingTheNextCandidate() {
        String badKey = prefix("k401");
        String healthy = prefix("ok");
        stub(badKey, error(401, "invalid_api_key", "Incorrect API key provided"));
        stub(healthy, ok("never", 10, 10, 0));
        addKey(ann, "openai", badKey);
        addKey(ann, "openai", healthy);
        String requestId = "req-" + UUID.randomUUID();

        assertThatThrownBy(() -> gateway.chat(caller(requestId), request(LUNA)))
                .isInstanceOfSatisfying(AiGatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo("invalid_api_key");
                    assertThat(e.type()).isEqualTo("authentication_error");
                    assertThat(e.getMessage()).doesNotContain("sk-test-");
                });
        assertThat(calls(healthy)).isZero();
        assertThat(ledger.byRequest(ann.workspaceId(), requestId))
                .extracting(UsageRecord::outcome, UsageRecord::errorCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("error", "invalid_api_key"));
    }

    @Test
    void aContextLengthErrorMovesOnlyToALargerWindow() {
        String deepseek = prefix("ds");
        String openai = prefix("oa");
        provider.stubFor(post(urlPathEqualTo("/" + deepseek + "/v1/chat/completions"))
                .willReturn(error(400, "context_length_exceeded", "This model's maximum context length is 128000")));
        stub(openai, ok("Answered by the larger window", 200_000, 10, 0));
        addKey(ann, "deepseek", deepseek);
        addKey(ann, "openai", openai);
        ObjectNode request = request("deepseek/deepseek-chat");
        request.putArray("models").add("deepseek/deepseek-reasoner").add(LUNA);
        String requestId = "req-" + UUID.randomUUID();

        var result = gateway.chat(caller(requestId), request);

        assertThat(result.model()).isEqualTo(LUNA);
        assertThat(ledger.byRequest(ann.workspaceId(), requestId))
                .extracting(UsageRecord::model, UsageRecord::outcome)
                .as("deepseek-reasoner has the same 128K window, so it is skipped")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("deepseek/deepseek-chat", "failed_over"),
                        org.assertj.core.groups.Tuple.tuple(LUNA, "ok"));

        ObjectNode noLarger = request("deepseek/deepseek-chat");
        noLarger.putArray("models").add("deepseek/deepseek-reasoner");
        assertThatThrownBy(() -> gateway.chat(caller("req-" + UUID.randomUUID()), noLarger))
                .isInstanceOfSatisfying(AiGatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("context_length_exceeded");
                });
    }

    @Test
    void aBrokenKeyOpensItsCircuitAndIsSkippedAfterThreeFailures() {
        String broken = prefix("down");
        String healthy = prefix("ok");
        stub(broken, error(500, "server_error", "The server had an error"));
        stub(healthy, ok("fine", 10, 5, 0));
        addKey(ann, "openai", broken);
        addKey(ann, "openai", healthy);

        for (int i = 0; i < 5; i++) {
            assertThat(gateway.chat(caller("req-" + UUID.randomUUID()), request(LUNA))
                            .body()
                            .at("/choices/0/message/content")
                            .asString())
                    .isEqualTo("fine");
        }
        assertThat(calls(broken)).as("open after 3 failures, then skipped").isEqualTo(3);
        assertThat(calls(healthy)).isEqualTo(5);
    }

    @Test
    void aShortRetryAfterOnTheLastCandidateIsWaitedOutOnce() {
        String only = prefix("only");
        provider.stubFor(post(urlPathEqualTo("/" + only + "/v1/chat/completions"))
                .inScenario(only)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(error(429, "rate_limit_exceeded", "Slow down").withHeader("Retry-After", "1"))
                .willSetStateTo("cooled"));
        provider.stubFor(post(urlPathEqualTo("/" + only + "/v1/chat/completions"))
                .inScenario(only)
                .whenScenarioStateIs("cooled")
                .willReturn(ok("after the wait", 10, 5, 0)));
        addKey(ann, "openai", only);
        String requestId = "req-" + UUID.randomUUID();

        var result = gateway.chat(caller(requestId), request(LUNA));

        assertThat(result.body().at("/choices/0/message/content").asString()).isEqualTo("after the wait");
        assertThat(ledger.byRequest(ann.workspaceId(), requestId))
                .extracting(UsageRecord::outcome)
                .containsExactly("failed_over", "ok");
    }

    @Test
    void whenEveryCandidateFailsTheLastRetriableErrorIsReturned() {
        String down = prefix("down");
        stub(down, error(503, "server_error", "Service unavailable"));
        addKey(ann, "openai", down);
        String requestId = "req-" + UUID.randomUUID();
        assertThatThrownBy(() -> gateway.chat(caller(requestId), request(LUNA)))
                .isInstanceOfSatisfying(AiGatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.type()).isEqualTo("api_error");
                });
        assertThat(ledger.byRequest(ann.workspaceId(), requestId))
                .extracting(UsageRecord::outcome)
                .containsExactly("error");
    }
}
