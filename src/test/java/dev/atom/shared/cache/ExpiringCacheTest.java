package dev.atom.shared.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {
    /** A clock the test moves. */
    private static final class Manual extends Clock {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final Manual clock = new Manual();
    private final ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofSeconds(5), 3, clock);

    @Test
    void anEntryLivesForTheTtlOnly() {
        cache.put("a", "1");
        clock.now = clock.now.plusMillis(4_999);
        assertThat(cache.get("a")).isEqualTo("1");
        clock.now = clock.now.plusMillis(1);
        assertThat(cache.get("a")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void anEarlierDeadlineWins() {
        cache.put("a", "1", clock.now.plusSeconds(1));
        clock.now = clock.now.plusSeconds(1);
        assertThat(cache.get("a")).isNull();
        cache.put("b", "2", clock.now.minusSeconds(1)); // already past: not cached at all
        assertThat(cache.get("b")).isNull();
    }

    @Test
    void theSizeStaysBounded() {
        cache.put("a", "1");
        cache.put("b", "2");
        cache.put("c", "3");
        clock.now = clock.now.plusSeconds(10);
        cache.put("d", "4"); // full: the expired entries go first
        assertThat(cache.size()).isEqualTo(1);
        cache.put("e", "5");
        cache.put("f", "6");
        cache.put("g", "7"); // full of live entries: all go
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get("g")).isEqualTo("7");
        assertThat(cache.get("e")).isNull();
    }

    @Test
    void entriesAreRemovedByKeyOrValue() {
        cache.put("a", "x");
        cache.put("b", "y");
        cache.remove("a");
        cache.removeIf("y"::equals);
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("b")).isNull();
        assertThat(cache.computeIfAbsent("c", k -> "z")).isEqualTo("z");
        assertThat(cache.computeIfAbsent("c", k -> "other")).isEqualTo("z");
    }

    @Test
    void aValueLoadedBeforeAnEvictionIsNotCachedAfterIt() {
        long seen = cache.version();
        cache.remove("a"); // e.g. a token revoked while another request was loading its caller
        cache.putIfUnchanged("a", "stale", seen);
        assertThat(cache.get("a")).isNull();
        long now = cache.version();
        cache.putIfUnchanged("a", "fresh", now);
        assertThat(cache.get("a")).isEqualTo("fresh");
    }
}
