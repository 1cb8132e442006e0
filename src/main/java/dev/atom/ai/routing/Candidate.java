package dev.atom.ai.routing;

import dev.atom.ai.catalog.ModelInfo;
import dev.atom.ai.keys.AiKey;

/**
 * One way to answer a request: a model with one of the caller's keys for its provider. {@code outputBound}
 * is the most output the call may produce; {@code reserveMicros} the cost of the estimated prompt plus that
 * bound (what budgets reserve); {@code rankMicros} the cost at a typical output, unrounded (what policies compare: rounding to whole
 * micro-dollars would make small requests tie).
 */
public record Candidate(ModelInfo model, AiKey key, int outputBound, long reserveMicros, double rankMicros) {

    /** The circuit breaker and Retry-After key: one per key and provider. */
    public String breakerKey() {
        return key.id() + "|" + model.provider();
    }

    @Override
    public String toString() {
        return model.id() + " via key " + key.id();
    }
}
