package dev.atom.ai.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The breaker per key+provider: opens after repeated failures, half-opens for one probe, honours Retry-After. */
class CircuitBreakersTest {
    private static final String KEY = "key-1|openai";

    /** A clock the test moves by hand. */
    static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final StepClock clock = new StepClock();
    private final CircuitBreakers breakers = new CircuitBreakers(clock, 3, Duration.ofSeconds(30));

    @Test
    void opensAfterThreeFailuresInARowAndSkipsForTheCoolDown() {
        for (int i = 0; i < 2; i++) {
            assertThat(breakers.tryAcquire(KEY)).isTrue();
            breakers.failure(KEY, null);
        }
        assertThat(breakers.status(KEY)).isEqualTo(CircuitBreakers.Status.CLOSED);
        assertThat(breakers.tryAcquire(KEY)).isTrue();
        breakers.failure(KEY, null);
        assertThat(breakers.status(KEY)).isEqualTo(CircuitBreakers.Status.OPEN);
        assertThat(breakers.tryAcquire(KEY)).as("open: skipped").isFalse();
        assertThat(breakers.available(KEY)).isFalse();
        assertThat(breakers.available("key-2|openai")).isTrue();
        assertThat(breakers.tryAcquire("key-2|openai"))
                .as("other keys are not affected")
                .isTrue();
        clock.advance(Duration.ofSeconds(29));
        assertThat(breakers.tryAcquire(KEY)).isFalse();
        assertThat(breakers.availableAt(KEY)).isEqualTo(clock.now.plusSeconds(1));
    }

    @Test
    void aSuccessInBetweenResetsTheCount() {
        breakers.failure(KEY, null);
        breakers.failure(KEY, null);
        breakers.success(KEY);
        breakers.failure(KEY, null);
        breakers.failure(KEY, null);
        assertThat(breakers.status(KEY)).isEqualTo(CircuitBreakers.Status.CLOSED);
    }

    @Test
    void halfOpenLetsOneProbeThroughWhoseResultClosesOrReopens() {
        for (int i = 0; i < 3; i++) {
            breakers.failure(KEY, null);
        }
        clock.advance(Duration.ofSeconds(30));
        assertThat(breakers.status(KEY)).isEqualTo(CircuitBreakers.Status.HALF_OPEN);
        assertThat(breakers.tryAcquire(KEY)).as("the probe").isTrue();
        assertThat(breakers.tryAcquire(KEY)).as("only one probe at a time").isFalse();
        breakers.failure(KEY, null);
        assertThat(breakers.status(KEY)).as("a failed probe reopens").isEqualTo(CircuitBreakers.Status.OPEN);
        assertThat(breakers.tryAcquire(KEY)).isFalse();

        clock.advance(Duration.ofSeconds(30));
        assertThat(breakers.tryAcquire(KEY)).isTrue();
        breakers.success(KEY);
        assertThat(breakers.status(KEY)).isEqualTo(CircuitBreakers.Status.CLOSED);
        assertThat(breakers.tryAcquire(KEY)).isTrue();
        assertThat(breakers.tryAcquire(KEY)).as("closed: everyone").isTrue();
    }

    @Test
    void anUnusedProbeCanBeGivenBack() {
        for (int i = 0; i < 3; i++) {
            breakers.failure(KEY, null);
        }
        clock.advance(Duration.ofSeconds(30));
        assertThat(breakers.tryAcquire(KEY)).isTrue();
        breakers.release(KEY);
        assertThat(breakers.tryAcquire(KEY)).isTrue();
    }

    @Test
    void retryAfterBlocksTheKeyUntilThenWithoutOpening() {
        breakers.failure(KEY, Duration.ofSeconds(20));
        assertThat(breakers.status(KEY)).isEqualTo(CircuitBreakers.Status.CLOSED);
        assertThat(breakers.tryAcquire(KEY)).isFalse();
        assertThat(breakers.availableAt(KEY)).isEqualTo(clock.now.plusSeconds(20));
        clock.advance(Duration.ofSeconds(20));
        assertThat(breakers.tryAcquire(KEY)).isTrue();
    }
}
