package dev.atom.workspace.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a user typed, split into its parts: free words, {@code "quoted phrases"}, {@code from:ann} (or
 * {@code from:"Ann Lee"}) and {@code type:message} (several allowed, comma-separated or repeated). An unclosed
 * quote runs to the end; anything else is a word, so no input is an error.
 */
record QueryText(List<String> words, List<String> phrases, List<String> from, List<String> types) {

    static QueryText parse(String q) {
        List<String> words = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        List<String> from = new ArrayList<>();
        List<String> types = new ArrayList<>();
        int i = 0;
        int n = q.length();
        while (i < n) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            String lower = q.substring(i).toLowerCase(Locale.ROOT);
            String prefix = lower.startsWith("from:") ? "from:" : lower.startsWith("type:") ? "type:" : null;
            int start = prefix == null ? i : i + prefix.length();
            int end;
            String value;
            if (start < n && q.charAt(start) == '"') {
                int close = q.indexOf('"', start + 1);
                end = close < 0 ? n : close + 1;
                value = q.substring(start + 1, close < 0 ? n : close);
            } else {
                end = start;
                while (end < n && !Character.isWhitespace(q.charAt(end))) {
                    end++;
                }
                value = q.substring(start, end);
            }
            i = Math.max(end, i + 1);
            value = value.strip();
            if (value.isEmpty()) {
                continue;
            }
            if ("from:".equals(prefix)) {
                from.add(value);
            } else if ("type:".equals(prefix)) {
                for (String t : value.split(",")) {
                    if (!t.isBlank()) {
                        types.add(t.strip().toLowerCase(Locale.ROOT));
                    }
                }
            } else if (q.charAt(start) == '"') {
                phrases.add(value);
            } else {
                words.add(value);
            }
        }
        return new QueryText(List.copyOf(words), List.copyOf(phrases), List.copyOf(from), List.copyOf(types));
    }

    /** The text to match (words and phrases), for the embedding of the query. */
    String meaning() {
        List<String> all = new ArrayList<>(words);
        all.addAll(phrases);
        return String.join(" ", all);
    }

    boolean hasText() {
        return !words.isEmpty() || !phrases.isEmpty();
    }
}
