package dev.atom.assistant.offline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request's text with the parts already understood marked as used, so that each phrase is read once and what
 * is left over is the title. Matching runs on a lower-case copy of the same length as the original.
 */
final class Spans {
    private final String original;
    private final String lower;
    private final boolean[] used;

    Spans(String text) {
        this.original = text;
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
            if (chars[i] == '’') {
                chars[i] = '\''; // typographic apostrophes from phones
            }
        }
        this.lower = new String(chars);
        this.used = new boolean[chars.length];
    }

    String lower() {
        return lower;
    }

    /** The first match of {@code pattern} that touches no used character, or null. */
    Matcher find(Pattern pattern) {
        Matcher m = pattern.matcher(lower);
        int from = 0;
        while (from <= lower.length() && m.find(from)) {
            if (m.end() > m.start() && free(m.start(), m.end())) {
                return m;
            }
            from = m.start() + 1;
        }
        return null;
    }

    /** Like {@link #find} and marks the match as used. */
    Matcher take(Pattern pattern) {
        Matcher m = find(pattern);
        if (m != null) {
            use(m.start(), m.end());
        }
        return m;
    }

    void use(int start, int end) {
        for (int i = start; i < end; i++) {
            used[i] = true;
        }
    }

    boolean anyUsed() {
        for (boolean u : used) {
            if (u) {
                return true;
            }
        }
        return false;
    }

    /** The original text without the used parts, spaces collapsed. */
    String rest() {
        StringBuilder out = new StringBuilder(original.length());
        for (int i = 0; i < original.length(); i++) {
            out.append(used[i] ? ' ' : original.charAt(i));
        }
        return out.toString().replaceAll("\\s+", " ").strip();
    }

    private boolean free(int start, int end) {
        for (int i = start; i < end; i++) {
            if (used[i]) {
                return false;
            }
        }
        return true;
    }
}
