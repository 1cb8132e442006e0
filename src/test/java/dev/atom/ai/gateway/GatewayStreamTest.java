package dev.atom.ai.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
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
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams through the gateway (OpenAI's streaming format, https://platform.openai.com/docs/api-reference/
 * chat-streaming: chunks, then a usage chunk with empty choices when stream_options.include_usage is set, then
 * [DONE]): a failure before the first chunk fails over, one after it never switches models, and the ledger
 * counts the provider's final usage, or the flagged estimate when there is none.
 */
class GatewayStreamTest extends GatewayTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LUNA = "openai/gpt-5.6-luna";
    private static final String CHUNK1 = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gpt-5.6-luna\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
            + "\"content\":\"Hello\"},\"finish_reason\":null}]}\n\n";
    private static final String CHUNK2 = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gpt-5.6-luna\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" world\"},"
            + "\"finish_reason\":\"stop\"}]}\n\n";
    private static final String USAGE = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gpt-5.6-luna\",\"choices\":[],\"usage\":{\"prompt_tokens\":2000,\"completion_tokens\":2,"
            + "\"total_tokens\":2002,\"prompt_tokens_details\":{\"cached_tokens\":1000}}}\n\n";
    private static final String DONE = "data: [DONE]\n\n";

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
        return new AiGateway.Caller(ann.workspaceId(), ann.id(), CallSource.CHAT, requestId);
    }

    private static ObjectNode request() {
        return (ObjectNode) JSON.readTree("{\"model\":\"" + LUNA + "\",\"stream\":true,\"max_tokens\":50,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello world\"}]}");
    }

    private static void stubStream(String prefix, String body) {
        provider.stubFor(post(urlPathEqualTo("/" + prefix + "/v1/chat/completions"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody(body)));
    }

    private static int calls(String prefix) {
        return provider.countRequestsMatching(postRequestedFor(urlPathEqualTo("/" + prefix + "/v1/chat/completions"))
                        .build())
                .getCount();
    }

    @Test
    void aFailureBeforeTheFirstChunkFailsOverAndTheFinalUsageIsBilled() {
        String down = prefix("down");
        String healthy = prefix("ok");
        provider.stubFor(post(urlPathEqualTo("/" + down + "/v1/chat/completions"))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"boom\"}}")));
        stubStream(healthy, CHUNK1 + CHUNK2 + USAGE + DONE);
        addKey(ann, "openai", down);
        String healthyKey = addKey(ann, "openai", healthy);
        List<String> texts = new ArrayList<>();
        String requestId = "req-" + UUID.randomUUID();

        var result = gateway.stream(
                caller(requestId),
                request(),
                chunk -> chunk.path("choices")
                        .forEach(c -> texts.add(c.path("delta").path("content").asString(""))));

        assertThat(String.join("", texts)).isEqualTo("Hello world");
        assertThat(result.keyId()).isEqualTo(healthyKey);
        assertThat(result.body()).isNull();
        // (2000 - 1000) * 0.2 + 1000 * 0.02 + 2 * 1.2 = 200 + 20 + 2.4 -> 223 (rounded up)
        assertThat(result.costMicros()).isEqualTo(223);
        List<UsageRecord> rows = ledger.byRequest(ann.workspaceId(), requestId);
        assertThat(rows).extracting(UsageRecord::outcome).containsExactly("failed_over", "ok");
        UsageRecord ok = rows.get(1);
        assertThat(ok.streamed()).isTrue();
        assertThat(ok.usageEstimated()).isFalse();
        assertThat(ok.inputTokens()).isEqualTo(2_000);
        assertThat(ok.cachedTokens()).isEqualTo(1_000);
        assertThat(ok.outputTokens()).isEqualTo(2);
        assertThat(ok.costMicros()).isEqualTo(223);
        assertThat(ok.ttftMs()).isNotNull().isLessThanOrEqualTo(ok.latencyMs());
        assertThat(ok.source()).isEqualTo("chat");
    }

    @Test
    void aStreamThatAlreadySentAChunkIsNeverSwitched() {
        String cut = prefix("cut");
        String healthy = prefix("ok");
        stubStream(cut, CHUNK1); // the connection ends after the first chunk: no finish_reason, no [DONE]
        stubStream(healthy, CHUNK1 + CHUNK2 + USAGE + DONE);
        addKey(ann, "openai", cut);
        addKey(ann, "openai", healthy);
        List<ObjectNode> received = new ArrayList<>();
        String requestId = "req-" + UUID.randomUUID();

        assertThatThrownBy(() -> gateway.stream(caller(requestId), request(), received::add))
                .isInstanceOfSatisfying(
                        AiGatewayException.class, e -> assertThat(e.code()).isEqualTo("connection_reset"));

        assertThat(received).hasSize(1);
        assertThat(calls(healthy))
                .as("never switched to another key mid-answer")
                .isZero();
        assertThat(ledger.byRequest(ann.workspaceId(), requestId))
                .extracting(UsageRecord::outcome, UsageRecord::costMicros, UsageRecord::streamed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("error", 0L, true));
    }

    @Test
    void withoutTheProvidersUsageTheEstimateIsCountedAndFlagged() {
        String noUsage = prefix("nousage");
        stubStream(noUsage, CHUNK1 + CHUNK2 + DONE);
        addKey(ann, "openai", noUsage);
        String requestId = "req-" + UUID.randomUUID();

        var result = gateway.stream(caller(requestId), request(), chunk -> {});

        UsageRecord row = ledger.byRequest(ann.workspaceId(), requestId).getFirst();
        assertThat(row.usageEstimated()).isTrue();
        assertThat(row.outputTokens()).as("'Hello world' is 2 tokens").isEqualTo(2);
        assertThat(row.inputTokens()).isPositive();
        assertThat(row.costMicros()).isEqualTo(result.costMicros()).isPositive();
    }
}
