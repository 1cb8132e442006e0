package dev.atom.ai.catalog;

import java.util.Set;

/**
 * One model of the catalog. {@code id} is {@code provider/model} (for openai-compatible keys
 * {@code <key name>/<model>}); {@code upstreamName} is what the provider calls it. Prices are micro-dollars per
 * million tokens (so $2.50 per million is 2_500_000); unknown prices are 0. {@code quality} is a 1..100 rank
 * used by the {@code atom/best} and {@code atom/balanced} policies.
 */
public record ModelInfo(
        String id,
        String provider,
        String upstreamName,
        String displayName,
        long inputPricePerMillion,
        long outputPricePerMillion,
        long cachedInputPricePerMillion,
        int contextWindow,
        int maxOutputTokens,
        Set<Capability> capabilities,
        int quality) {

    public ModelInfo {
        capabilities = Set.copyOf(capabilities);
    }

    public boolean can(Capability capability) {
        return capabilities.contains(capability);
    }

    /** Cost in micro-dollars, rounded up to a whole micro-dollar so the ledger never under-counts. */
    public long costMicros(long inputTokens, long cachedInputTokens, long outputTokens) {
        long uncached = Math.max(0, inputTokens - cachedInputTokens);
        long numerator = Math.addExact(
                Math.addExact(
                        Math.multiplyExact(uncached, inputPricePerMillion),
                        Math.multiplyExact(cachedInputTokens, cachedInputPricePerMillion)),
                Math.multiplyExact(outputTokens, outputPricePerMillion));
        return Math.ceilDiv(numerator, 1_000_000L);
    }
}
