package dev.atom.ai.providers;

import dev.atom.ai.Usage;

/**
 * How a stream ended. {@code usage} is the provider's final usage when it reported one (then
 * {@code usageReported} is true), otherwise an estimate the gateway may replace.
 */
public record StreamOutcome(Usage usage, boolean usageReported, String finishReason) {}
