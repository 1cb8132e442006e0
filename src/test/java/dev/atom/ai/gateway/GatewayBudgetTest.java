package dev.atom.ai.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.ai.AiGateway;
import dev.atom.ai.AiGatewayException;
import dev.atom.ai.CallSource;
import dev.atom.ai.ledger.UsageLedger;
import dev.atom.ai.ledger.UsageRecord;
import dev.atom.testing.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Budgets through the gateway: reserve before, settle after, 402 with a clear message, cheaper fallback. */
class GatewayBudgetTest extends GatewayTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LUNA = "openai/gpt-5.6-luna";
    private static final String SOL = "openai/gpt-5.6-sol";

    @Autowired
    AiGateway gateway;

    @Autowired
    UsageLedger ledger;

    private TestUsers.User ann;

    @BeforeEach
    void signUp() {
        ann = users().signUp("ann");
        pinPrices(ann, LUNA, "0.2", "1.2", "0.02");
        pinPrices(ann, SOL, "4", "20", "0.4");
        String prefix = prefix("oa");
        provider.stubFor(post(urlPathEqualTo("/" + prefix + "/v1/chat/completions"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(answer("ok", 10, 100, 0))));
        addKey(ann, "openai", prefix);
    }

    private AiGateway.Caller caller(String requestId) {
        return new AiGateway.Caller(ann.workspaceId(), ann.id(), CallSource.WORKFLOW, requestId);
    }

    private static ObjectNode request(String model) {
        return (ObjectNode) JSON.readTree("{\"model\":\"" + model + "\",\"max_tokens\":100,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private JsonNode putBudget(Map<String, Object> body) {
        var response = users().as(ann).put("/api/v1/ai/budgets", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private JsonNode budget(String id) {
        for (JsonNode b : users().as(ann).get("/api/v1/ai/budgets").json().get("items")) {
            if (b.get("id").asString().equals(id)) {
                return b;
            }
        }
        throw new AssertionError("no budget " + id);
    }

    @Test
    void overBudgetIs402NamingTheBudgetItsLimitAndSpend() {
        // luna with max_tokens 100 reserves about 100 * 1.2 = 120+ micro-dollars; the limit is 100
        String id = putBudget(Map.of("scope", "user", "period", "day", "limitUsd", 0.0001))
                .get("id")
                .asString();
        String requestId = "req-" + UUID.randomUUID();
        assertThatThrownBy(() -> gateway.chat(caller(requestId), request(LUNA)))
                .isInstanceOfSatisfying(AiGatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(402);
                    assertThat(e.code()).isEqualTo("budget_exceeded");
                    assertThat(e.getMessage()).contains("your daily AI budget is $0.0001", "$0.00 spent", LUNA);
                });
        assertThat(ledger.byRequest(ann.workspaceId(), requestId))
                .as("no provider attempt")
                .isEmpty();
        assertThat(budget(id).get("reservedMicros").asLong()).isZero();
    }

    @Test
    void aBudgetThatAllowsFallbackMovesToACheaperModelThatFits() {
        // sol reserves about 100 * 20 = 2000+ micro-dollars, luna about 120+; the limit is 1000
        String id = putBudget(
                        Map.of("scope", "workspace", "period", "month", "limitUsd", 0.001, "fallbackToCheaper", true))
                .get("id")
                .asString();
        String requestId = "req-" + UUID.randomUUID();

        var result = gateway.chat(caller(requestId), request(SOL));

        assertThat(result.model()).isEqualTo(LUNA);
        // 10 * 0.2 + 100 * 1.2 = 122 micro-dollars
        assertThat(result.costMicros()).isEqualTo(122);
        JsonNode b = budget(id);
        assertThat(b.get("spentMicros").asLong()).isEqualTo(122);
        assertThat(b.get("reservedMicros").asLong()).isZero();
        assertThat(ledger.byRequest(ann.workspaceId(), requestId))
                .extracting(UsageRecord::model, UsageRecord::outcome, UsageRecord::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LUNA, "ok", "workflow"));
    }

    @Test
    void fiftyConcurrentCallsNeverOverspendTheBudget() throws Exception {
        // each call reserves about 123 micro-dollars and costs 122: a 1000 budget fits 8 at most
        String id = putBudget(Map.of("scope", "user", "period", "month", "limitUsd", 0.001))
                .get("id")
                .asString();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Callable<String> call = () -> {
                start.await();
                try {
                    return gateway.chat(caller("req-" + UUID.randomUUID()), request(LUNA))
                            .model();
                } catch (AiGatewayException e) {
                    return e.code();
                }
            };
            calls.add(pool.submit(call));
        }
        start.countDown();
        int answered = 0;
        int refused = 0;
        for (Future<String> f : calls) {
            String outcome = f.get();
            if (outcome.equals(LUNA)) {
                answered++;
            } else {
                assertThat(outcome).isEqualTo("budget_exceeded");
                refused++;
            }
        }
        pool.shutdown();
        JsonNode b = budget(id);
        assertThat(b.get("spentMicros").asLong()).as("never overspent").isLessThanOrEqualTo(1_000);
        assertThat(b.get("spentMicros").asLong()).isEqualTo(answered * 122L);
        assertThat(b.get("reservedMicros").asLong()).isZero();
        assertThat(answered).isBetween(1, 8);
        assertThat(answered + refused).isEqualTo(50);
    }
}
