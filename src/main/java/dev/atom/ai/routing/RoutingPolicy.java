package dev.atom.ai.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code atom/...} policies: how candidates are ordered when the request names a policy instead of a
 * model. Every order is a stable sort with the model id and then the key order (user keys first) as final
 * tie-breakers, so equal candidates always come in the same order.
 *
 * <ul>
 *   <li>{@code cheapest}: lowest estimated cost (prompt estimate plus the typical output), then best quality;
 *   <li>{@code fastest}: lowest expected time (observed time to first token plus the typical output at the
 *       observed tokens/s; unobserved models use {@link LatencyStats}' prior);
 *   <li>{@code best}: highest catalog quality, then cheapest;
 *   <li>{@code balanced}: highest score {@code 0.5 * quality/100 + 0.3 * cheapness + 0.2 * speed}, where
 *       cheapness and speed are min-max normalized over the candidates (1 = cheapest / fastest of them, 0 =
 *       dearest / slowest; all 1 when they are equal).
 * </ul>
 */
public enum RoutingPolicy {
    CHEAPEST,
    FASTEST,
    BEST,
    BALANCED;

    public static final String PREFIX = "atom/";

    public String id() {
        return PREFIX + name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RoutingPolicy> fromModel(String model) {
        for (RoutingPolicy p : values()) {
            if (p.id().equals(model)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** {@code candidates} in this policy's order; the input order is the final tie-breaker. */
    public List<Candidate> order(List<Candidate> candidates, LatencyStats stats, RequestNeeds needs) {
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            double ms = stats.speed(c.model().provider(), c.model().id()).expectedMs(needs.typicalOutput());
            scored.add(new Scored(c, i, ms, 0));
        }
        if (this == BALANCED) {
            scored = balancedScores(scored);
        }
        Comparator<Scored> byCost =
                Comparator.comparingDouble(s -> s.candidate().rankMicros());
        Comparator<Scored> byQuality = Comparator.comparingInt(
                        (Scored s) -> s.candidate().model().quality())
                .reversed();
        Comparator<Scored> order = switch (this) {
            case CHEAPEST -> byCost.thenComparing(byQuality);
            case FASTEST -> Comparator.comparingDouble(Scored::expectedMs).thenComparing(byCost);
            case BEST -> byQuality.thenComparing(byCost);
            case BALANCED -> Comparator.comparingDouble(Scored::score).reversed();
        };
        order = order.thenComparing(s -> s.candidate().model().id()).thenComparingInt(Scored::index);
        return scored.stream().sorted(order).map(Scored::candidate).toList();
    }

    private record Scored(Candidate candidate, int index, double expectedMs, double score) {}

    private static List<Scored> balancedScores(List<Scored> scored) {
        double minCost = Double.MAX_VALUE;
        double maxCost = -Double.MAX_VALUE;
        double minMs = Double.MAX_VALUE;
        double maxMs = -Double.MAX_VALUE;
        for (Scored s : scored) {
            minCost = Math.min(minCost, s.candidate().rankMicros());
            maxCost = Math.max(maxCost, s.candidate().rankMicros());
            minMs = Math.min(minMs, s.expectedMs());
            maxMs = Math.max(maxMs, s.expectedMs());
        }
        List<Scored> out = new ArrayList<>();
        for (Scored s : scored) {
            double cheap = maxCost == minCost ? 1 : 1 - (s.candidate().rankMicros() - minCost) / (maxCost - minCost);
            double fast = maxMs == minMs ? 1 : 1 - (s.expectedMs() - minMs) / (maxMs - minMs);
            double score = 0.5 * s.candidate().model().quality() / 100.0 + 0.3 * cheap + 0.2 * fast;
            out.add(new Scored(s.candidate(), s.index(), s.expectedMs(), score));
        }
        return out;
    }
}
