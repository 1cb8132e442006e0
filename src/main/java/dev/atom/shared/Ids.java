package dev.atom.shared;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UUIDv7 ids (RFC 9562): time-ordered, so primary keys stay index-friendly and sort by creation. Within
 * one millisecond the 12-bit counter keeps ids from one process strictly increasing. Thread-safe.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong LAST = new AtomicLong();

    private Ids() {}

    /** A new UUIDv7 as lower-case text, the form every table stores. */
    public static String newId() {
        return newUuid().toString();
    }

    public static UUID newUuid() {
        long now = System.currentTimeMillis();
        // state = (millis << 12) | counter; strictly increasing per process
        long state = LAST.updateAndGet(prev -> Math.max(prev + 1, now << 12));
        long millis = state >>> 12;
        long counter = state & 0xFFF;
        long msb = (millis << 16) | 0x7000L | counter;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** True when the text is a UUID: path ids are checked before they reach SQL. */
    public static boolean isValid(String text) {
        if (text == null || text.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
