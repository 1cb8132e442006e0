package dev.atom.connectors.internal;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.ServiceErrors;
import dev.atom.shared.net.GuardedHttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * One limiter per connected account, shared by every caller of that connection (workflows, the assistant, the
 * API). A limiter learns from the service's answers: a 429 or 503 with Retry-After, or rate-limit headers
 * saying nothing is left until a reset, block the connection until then. A block is also written to the
 * connection's row, and a limiter looks there (at most once a second), so every instance on the database
 * holds back, not only the one that was told. A caller waits out a short block and gets {@link
 * ConnectorException.Retriable} (with the wait) for a long one, so a durable engine can sleep instead of a
 * thread. Thread-safe.
 */
@Component
class RateLimiters {
    static final Duration MAX_WAIT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_429_PAUSE = Duration.ofSeconds(1);
    private static final Duration SHARED_CHECK = Duration.ofSeconds(1);
    private final ConcurrentMap<String, Limiter> limiters = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ConnectionRepository connections;

    RateLimiters(Clock clock, ConnectionRepository connections) {
        this.clock = clock;
        this.connections = connections;
    }

    /** The limiter of a stored connection (shared through its row) or of another key (this process only). */
    Limiter forConnection(String connectionId) {
        return limiters.computeIfAbsent(connectionId, id -> new Limiter(id.contains(":") ? null : id));
    }

    void forget(String connectionId) {
        limiters.remove(connectionId);
    }

    final class Limiter {
        private final String connectionId;
        private Instant blockedUntil = Instant.EPOCH;
        private Instant sharedCheckedAt = Instant.EPOCH;

        Limiter(String connectionId) {
            this.connectionId = connectionId;
        }

        /** Returns when a call may go out; throws Retriable when that is more than {@link #MAX_WAIT} away. */
        void acquire() {
            learnShared();
            while (true) {
                Duration wait;
                synchronized (this) {
                    wait = Duration.between(clock.instant(), blockedUntil);
                }
                if (wait.isNegative() || wait.isZero()) {
                    return;
                }
                if (wait.compareTo(MAX_WAIT) > 0) {
                    throw new ConnectorException.Retriable(
                            429, "the service's rate limit for this connection is exhausted", wait);
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectorException.Retriable(0, "interrupted while waiting for the rate limit", wait);
                }
            }
        }

        /** Learns from one answer of the service. */
        void observe(GuardedHttpClient.Response response) {
            Instant now = clock.instant();
            Instant until = null;
            Duration retryAfter = ServiceErrors.retryAfter(response.header("retry-after"), now);
            if (response.status() == 429 || (response.status() == 503 && retryAfter != null)) {
                until = now.plus(retryAfter == null ? DEFAULT_429_PAUSE : retryAfter);
            } else if ("0".equals(first(response, "x-ratelimit-remaining", "ratelimit-remaining"))) {
                until = reset(first(response, "x-ratelimit-reset", "ratelimit-reset"), now);
            }
            if (until != null) {
                synchronized (this) {
                    if (until.isAfter(blockedUntil)) {
                        blockedUntil = until;
                    }
                }
                if (connectionId != null) {
                    connections.blockUntil(connectionId, until);
                }
            }
        }

        /** Takes over a block another instance recorded, looking at most once a second. */
        private void learnShared() {
            if (connectionId == null) {
                return;
            }
            Instant now = clock.instant();
            synchronized (this) {
                if (blockedUntil.isAfter(now)
                        || Duration.between(sharedCheckedAt, now).compareTo(SHARED_CHECK) < 0) {
                    return;
                }
                sharedCheckedAt = now;
            }
            connections.blockedUntil(connectionId).ifPresent(shared -> {
                synchronized (this) {
                    if (shared.isAfter(blockedUntil)) {
                        blockedUntil = shared;
                    }
                }
            });
        }

        private static String first(GuardedHttpClient.Response response, String... names) {
            for (String name : names) {
                String v = response.header(name);
                if (v != null) {
                    return v.strip();
                }
            }
            return null;
        }

        /** A reset header: epoch seconds (GitHub) or seconds from now (the IETF draft), capped at an hour. */
        private static Instant reset(String value, Instant now) {
            if (value == null || !value.matches("[0-9]{1,12}")) {
                return null;
            }
            long n = Long.parseLong(value);
            Instant at = n > 1_000_000_000L ? Instant.ofEpochSecond(n) : now.plusSeconds(n);
            Instant cap = now.plus(Duration.ofHours(1));
            return at.isAfter(cap) ? cap : at;
        }
    }
}
