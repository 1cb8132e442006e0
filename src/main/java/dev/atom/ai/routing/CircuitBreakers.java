package dev.atom.ai.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A circuit breaker per key and provider, plus Retry-After blocks. After {@code failureThreshold} retriable
 * failures in a row the breaker opens and routing skips that key+provider for {@code coolDown}; then it is
 * half-open: one call goes through as a probe (others keep skipping), and its result closes the breaker or
 * opens it again. A Retry-After from the provider blocks the key+provider until then, without counting as
 * more than the one failure.
 *
 * <p>Our own small breaker rather than resilience4j-circuitbreaker: the state here is keyed by data (every
 * key of every user), shares one map with the Retry-After blocks, runs on the application's {@link Clock}
 * (so tests step time instead of sleeping) and is some 100 lines with no dependency. Thread-safe: each
 * breaker's state is replaced atomically.
 */
public class CircuitBreakers {
    private final Clock clock;
    private final int failureThreshold;
    private final Duration coolDown;
    private final ConcurrentMap<String, State> states = new ConcurrentHashMap<>();

    public enum Status {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    /** {@code openUntil}: skip until then (open or blocked); {@code probing}: a half-open probe is out. */
    private record State(int failures, Status status, Instant openUntil, Instant blockedUntil, boolean probing) {}

    private static final State CLOSED = new State(0, Status.CLOSED, Instant.MIN, Instant.MIN, false);

    public CircuitBreakers(Clock clock, int failureThreshold, Duration coolDown) {
        this.clock = clock;
        this.failureThreshold = failureThreshold;
        this.coolDown = coolDown;
    }

    /**
     * Whether a call may go to {@code key} now. A half-open breaker lets exactly one caller through (the
     * probe); that caller must then report {@link #success} or {@link #failure} (or {@link #release}).
     */
    public boolean tryAcquire(String key) {
        Instant now = clock.instant();
        boolean[] allowed = {false};
        states.compute(key, (k, s) -> {
            State state = s == null ? CLOSED : s;
            if (now.isBefore(state.blockedUntil())) {
                return state;
            }
            switch (state.status()) {
                case CLOSED -> allowed[0] = true;
                case OPEN, HALF_OPEN -> {
                    boolean probeStale =
                            state.probing() && !now.isBefore(state.openUntil().plus(coolDown));
                    if (!now.isBefore(state.openUntil()) && (!state.probing() || probeStale)) {
                        allowed[0] = true;
                        return new State(
                                state.failures(), Status.HALF_OPEN, state.openUntil(), state.blockedUntil(), true);
                    }
                }
            }
            return state;
        });
        return allowed[0];
    }

    /** Gives back a probe that was not used (the call never went out). */
    public void release(String key) {
        states.computeIfPresent(
                key,
                (k, s) ->
                        s.probing() ? new State(s.failures(), s.status(), s.openUntil(), s.blockedUntil(), false) : s);
    }

    public void success(String key) {
        states.computeIfPresent(
                key,
                (k, s) -> s.blockedUntil().isAfter(clock.instant())
                        ? new State(0, Status.CLOSED, Instant.MIN, s.blockedUntil(), false)
                        : null);
    }

    /** A retriable failure; {@code retryAfter} (may be null) blocks the key+provider until then. */
    public void failure(String key, Duration retryAfter) {
        Instant now = clock.instant();
        states.compute(key, (k, s) -> {
            State state = s == null ? CLOSED : s;
            int failures = state.failures() + 1;
            Instant blocked = state.blockedUntil();
            if (retryAfter != null
                    && !retryAfter.isNegative()
                    && now.plus(retryAfter).isAfter(blocked)) {
                blocked = now.plus(retryAfter);
            }
            boolean open = state.status() == Status.HALF_OPEN || failures >= failureThreshold;
            if (open) {
                return new State(failures, Status.OPEN, now.plus(coolDown), blocked, false);
            }
            return new State(failures, Status.CLOSED, Instant.MIN, blocked, false);
        });
    }

    public Status status(String key) {
        State s = states.get(key);
        if (s == null) {
            return Status.CLOSED;
        }
        if (s.status() == Status.OPEN && !clock.instant().isBefore(s.openUntil())) {
            return Status.HALF_OPEN;
        }
        return s.status();
    }

    /** Whether a call to {@code key} would be let through now (without taking a half-open probe). */
    public boolean available(String key) {
        State s = states.get(key);
        if (s == null) {
            return true;
        }
        Instant now = clock.instant();
        return !now.isBefore(s.blockedUntil()) && (s.status() == Status.CLOSED || !now.isBefore(s.openUntil()));
    }

    /** When {@code key} can be tried again (now when it can already). */
    public Instant availableAt(String key) {
        State s = states.get(key);
        Instant now = clock.instant();
        if (s == null) {
            return now;
        }
        Instant at = now;
        if (s.blockedUntil().isAfter(at)) {
            at = s.blockedUntil();
        }
        if (s.status() != Status.CLOSED && s.openUntil().isAfter(at)) {
            at = s.openUntil();
        }
        return at;
    }
}
