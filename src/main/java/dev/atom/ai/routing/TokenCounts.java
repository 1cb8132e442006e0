package dev.atom.ai.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Token counts already made, by what was counted: a text (a system prompt, an earlier message of a conversation)
 * or a tool definition (a JSON node, compared by value). Most of a chat request is the same from one model call to
 * the next (the tool schemas, the system prompt, the conversation so far), and counting it with the BPE encoder
 * was a third of an assistant turn's work. A key is the counted value itself, never a hash of it, so a changed
 * text or schema can never be served another's count. Bounded by the characters kept ({@code maxChars}): when
 * full, everything goes (recounting is only slower, never wrong). Thread-safe; a key must not be mutated after it
 * is put (callers pass strings or their own copies of nodes).
 */
final class TokenCounts {
    private final Map<Object, Integer> counts = new ConcurrentHashMap<>();
    private final AtomicLong chars = new AtomicLong();
    private final long maxChars;

    TokenCounts(long maxChars) {
        this.maxChars = maxChars;
    }

    /** A count and the length of the text it was made from. */
    record Counted(int tokens, long chars) {}

    /**
     * The count of {@code key}, made by {@code counter} when not known and then kept under {@code keep(key)} (a
     * copy the caller cannot change any more, for a mutable key).
     */
    <K> int get(K key, UnaryOperator<K> keep, Function<K, Counted> counter) {
        Integer known = counts.get(key);
        if (known != null) {
            return known;
        }
        Counted counted = counter.apply(key);
        if (counted.chars() <= maxChars / 16) { // one huge text may not push everything else out
            if (chars.addAndGet(counted.chars()) > maxChars) {
                counts.clear();
                chars.set(counted.chars());
            }
            counts.put(keep.apply(key), counted.tokens());
        }
        return counted.tokens();
    }

    int size() {
        return counts.size();
    }
}
