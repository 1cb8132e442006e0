package dev.atom.shared.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A small in-memory cache whose entries live at most {@code ttl} (or less, when the loader says so), bounded to
 * {@code maxSize} entries: when full, expired entries go first and, if that is not enough, everything (a burst of
 * new keys costs some reloads, never unbounded memory). Meant for per-request lookups that may be a few seconds
 * stale in other instances and are evicted at once here by the code that changes them. Thread-safe.
 */
public final class ExpiringCache<K, V> {
    private record Entry<V>(V value, Instant expires) {}

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    /** Bumped by every eviction, so a value loaded before an eviction is never cached after it. */
    private final AtomicLong version = new AtomicLong();

    private final Duration ttl;
    private final int maxSize;
    private final Clock clock;

    public ExpiringCache(Duration ttl, int maxSize, Clock clock) {
        this.ttl = ttl;
        this.maxSize = maxSize;
        this.clock = clock;
    }

    public Duration ttl() {
        return ttl;
    }

    /** The cached value, or null when absent or expired. */
    public V get(K key) {
        Entry<V> e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (!clock.instant().isBefore(e.expires())) {
            entries.remove(key, e);
            return null;
        }
        return e.value();
    }

    /** Caches {@code value} for the ttl. */
    public void put(K key, V value) {
        put(key, value, null);
    }

    /** Caches {@code value} until the ttl or {@code notAfter} (when not null), whichever comes first. */
    public void put(K key, V value, Instant notAfter) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        if (notAfter != null && notAfter.isBefore(expires)) {
            expires = notAfter;
        }
        if (!now.isBefore(expires)) {
            return;
        }
        if (entries.size() >= maxSize) {
            entries.values().removeIf(e -> !now.isBefore(e.expires()));
            if (entries.size() >= maxSize) {
                entries.clear();
            }
        }
        entries.put(key, new Entry<>(value, expires));
    }

    /** Read before loading a value; pass it to {@link #putIfUnchanged}. */
    public long version() {
        return version.get();
    }

    /**
     * Caches a value loaded after {@link #version()} returned {@code seen}, unless an eviction happened since
     * (the value may predate the change that evicted): then nothing is cached.
     */
    public void putIfUnchanged(K key, V value, long seen) {
        put(key, value);
        if (version.get() != seen) {
            entries.remove(key);
        }
    }

    /** The cached value, or the loaded one (cached unless null or evicted meanwhile). */
    public V computeIfAbsent(K key, Function<K, V> loader) {
        V value = get(key);
        if (value == null) {
            long seen = version();
            value = loader.apply(key);
            if (value != null) {
                putIfUnchanged(key, value, seen);
            }
        }
        return value;
    }

    public void remove(K key) {
        version.incrementAndGet();
        entries.remove(key);
    }

    /** Drops every entry whose key matches. */
    public void removeKeys(Predicate<K> matches) {
        version.incrementAndGet();
        entries.keySet().removeIf(matches);
    }

    /** Drops every entry whose value matches. */
    public void removeIf(Predicate<V> matches) {
        version.incrementAndGet();
        entries.values().removeIf(e -> matches.test(e.value()));
    }

    public void clear() {
        version.incrementAndGet();
        entries.clear();
    }

    public int size() {
        return entries.size();
    }
}
