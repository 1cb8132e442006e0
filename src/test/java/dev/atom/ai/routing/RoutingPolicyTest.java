package dev.atom.ai.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.ai.catalog.Capability;
import dev.atom.ai.catalog.ModelInfo;
import dev.atom.ai.keys.AiKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The atom/... policies order candidates by cost, speed, quality or a balance of them, ties stably. */
class RoutingPolicyTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final LatencyStats stats = new LatencyStats();
    private final TokenEstimator tokens = new TokenEstimator();
    private final RequestNeeds needs = RequestNeeds.chat(
            (ObjectNode) JSON.readTree("{\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"max_tokens\":100}"),
            tokens);

    private static ModelInfo model(String id, long in, long out, int quality) {
        return new ModelInfo(
                id,
                id.substring(0, id.indexOf('/')),
                id,
                id,
                in,
                out,
                in / 10,
                100_000,
                8_000,
                Set.of(Capability.TOOLS),
                quality);
    }

    private static AiKey key(String id, String provider) {
        return new AiKey(id, "ws", "u", AiKey.Scope.USER, provider, id, "sk-...", null, null, null, "s", Instant.EPOCH);
    }

    private Candidate candidate(ModelInfo m, String keyId) {
        int bound = needs.outputBound(m.maxOutputTokens());
        return new Candidate(
                m,
                key(keyId, m.provider()),
                bound,
                m.costMicros(needs.promptTokens(), 0, bound),
                (needs.promptTokens() * (double) m.inputPricePerMillion()
                                + needs.typicalOutput() * (double) m.outputPricePerMillion())
                        / 1e6);
    }

    private final ModelInfo dear = model("a/dear", 10_000_000, 50_000_000, 97);
    private final ModelInfo mid = model("b/mid", 2_000_000, 10_000_000, 90);
    private final ModelInfo cheap = model("c/cheap", 100_000, 500_000, 70);

    private List<String> ids(List<Candidate> ordered) {
        return ordered.stream().map(c -> c.model().id() + "@" + c.key().id()).toList();
    }

    @Test
    void cheapestBestAndTheirTieBreaks() {
        List<Candidate> input =
                List.of(candidate(dear, "k1"), candidate(mid, "k2"), candidate(cheap, "k3"), candidate(cheap, "k4"));
        assertThat(ids(RoutingPolicy.CHEAPEST.order(input, stats, needs)))
                .containsExactly("c/cheap@k3", "c/cheap@k4", "b/mid@k2", "a/dear@k1");
        assertThat(ids(RoutingPolicy.BEST.order(input, stats, needs)))
                .containsExactly("a/dear@k1", "b/mid@k2", "c/cheap@k3", "c/cheap@k4");
        ModelInfo twin = model("d/twin", 100_000, 500_000, 70);
        assertThat(ids(RoutingPolicy.CHEAPEST.order(
                        List.of(candidate(twin, "k9"), candidate(cheap, "k8")), stats, needs)))
                .as("equal cost and quality: by model id")
                .containsExactly("c/cheap@k8", "d/twin@k9");
    }

    @Test
    void fastestUsesObservedSpeedAndThePriorForUnobservedModels() {
        List<Candidate> input = List.of(candidate(dear, "k1"), candidate(mid, "k2"), candidate(cheap, "k3"));
        // unobserved: equal prior, so cost breaks the tie
        assertThat(ids(RoutingPolicy.FASTEST.order(input, stats, needs)))
                .containsExactly("c/cheap@k3", "b/mid@k2", "a/dear@k1");
        stats.record("a", "a/dear", 100L, 600, 500); // 100 ms to first token, 1000 tokens/s
        stats.record("c", "c/cheap", 3_000L, 13_000, 500); // slow: 3 s, 50 tokens/s
        assertThat(ids(RoutingPolicy.FASTEST.order(input, stats, needs)))
                .containsExactly("a/dear@k1", "b/mid@k2", "c/cheap@k3");
    }

    @Test
    void balancedWeighsQualityCostAndSpeed() {
        // dear: q .97, cheapness 0, speed 1 -> .485+0+.2 = .685; cheap: .35+.3+.2 = .85 (all equally fast)
        // mid: .45 + .3*(1-(mid-cheap)/(dear-cheap)) + .2
        List<Candidate> input = List.of(candidate(dear, "k1"), candidate(mid, "k2"), candidate(cheap, "k3"));
        assertThat(ids(RoutingPolicy.BALANCED.order(input, stats, needs)))
                .containsExactly("b/mid@k2", "c/cheap@k3", "a/dear@k1");
    }

    @Test
    void movingAveragesWeighTheNewestSampleByAFifth() {
        stats.record("p", "p/m", 1_000L, 2_000, 100); // first sample is taken as is: 100 tokens/s
        stats.record("p", "p/m", 500L, 1_500, 200); // 200 tokens/s
        var speed = stats.speed("p", "p/m");
        assertThat(speed.ttftMs()).isEqualTo(900.0);
        assertThat(speed.tokensPerSecond()).isEqualTo(120.0);
        assertThat(speed.samples()).isEqualTo(2);
        assertThat(stats.speed("p", "other").samples()).as("prior").isZero();
    }

    @Test
    void policyIdsAreAtomPrefixed() {
        assertThat(RoutingPolicy.fromModel("atom/cheapest")).contains(RoutingPolicy.CHEAPEST);
        assertThat(RoutingPolicy.fromModel("atom/balanced")).contains(RoutingPolicy.BALANCED);
        assertThat(RoutingPolicy.fromModel("openai/gpt")).isEmpty();
    }
}
