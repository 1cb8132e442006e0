package dev.atom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Failed-login counting and growing locks, on every database (the state is shared by all instances). */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class LoginThrottleTest {
    @Parameter
    TestDatabase db;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private LoginThrottle throttle;
    private String key;

    @BeforeEach
    void setUp() {
        var settings = new IdentityProperties.Throttle(
                3, 10, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(5));
        var properties = new IdentityProperties(
                IdentityProperties.Signup.OPEN,
                Duration.ofMinutes(15),
                Duration.ofDays(30),
                Duration.ofDays(7),
                Duration.ofDays(7),
                Duration.ofDays(30),
                settings);
        throttle = new LoginThrottle(db.jdbc(), db.transactions(), properties, clock);
        key = LoginThrottle.emailKey("t-" + System.nanoTime() + "@example.test");
    }

    private Optional<Duration> fail() {
        return throttle.recordFailure(key, 3);
    }

    @Test
    void theLimitLocksTheKeyAndLocksGrowUpToTheMaximum() {
        assertThat(fail()).isEmpty();
        assertThat(fail()).isEmpty();
        assertThat(throttle.lockedFor(key)).isEmpty();
        assertThat(fail()).contains(Duration.ofMinutes(1));
        assertThat(throttle.lockedFor(key)).contains(Duration.ofMinutes(1));

        clock.advance(Duration.ofSeconds(61));
        assertThat(throttle.lockedFor(key)).isEmpty();
        fail();
        fail();
        assertThat(fail()).contains(Duration.ofMinutes(2));
        clock.advance(Duration.ofMinutes(3));
        fail();
        fail();
        assertThat(fail()).contains(Duration.ofMinutes(4));
        clock.advance(Duration.ofMinutes(5));
        fail();
        fail();
        assertThat(fail()).contains(Duration.ofMinutes(5));
    }

    @Test
    void failuresOutsideTheWindowStartOver() {
        fail();
        fail();
        clock.advance(Duration.ofMinutes(16));
        assertThat(fail()).isEmpty();
        assertThat(fail()).isEmpty();
        assertThat(fail()).isPresent();
    }

    @Test
    void resetForgetsFailuresAndKeysAreIndependent() {
        fail();
        fail();
        throttle.reset(key);
        assertThat(fail()).isEmpty();
        assertThat(fail()).isEmpty();
        String ip = LoginThrottle.ipKey("192.0.2." + (System.nanoTime() % 200));
        assertThat(throttle.recordFailure(ip, 10)).isEmpty();
        assertThat(throttle.lockedFor(ip)).isEmpty();
        assertThat(fail()).isPresent();
        assertThat(throttle.lockedFor(ip)).isEmpty();
    }
}
