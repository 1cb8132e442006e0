package dev.atom.workflows.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with full jitter, never sooner than the service's Retry-After. Stateless. */
final class Backoff {
    private Backoff() {}

    /**
     * The wait before attempt {@code attempt + 1} after {@code attempt} failed: a random value between half
     * and all of {@code initial * 2^(attempt-1)}, capped at {@code max}, and at least {@code retryAfter}.
     */
    static Duration after(int attempt, Step.RetryPolicy policy, Duration retryAfter) {
        long base = policy.initialBackoff().toMillis();
        long exp = base << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(exp, policy.maxBackoff().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        long wait = Math.max(jittered, retryAfter == null ? 0 : retryAfter.toMillis());
        return Duration.ofMillis(wait);
    }
}
