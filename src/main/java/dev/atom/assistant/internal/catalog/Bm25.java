package dev.atom.assistant.internal.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Okapi BM25 over short documents (a tool's name and description), built per request: a catalog of a few
 * hundred tools indexes in well under a millisecond, so there is no index to keep in step with the beans and
 * the connections. Words are lower-cased, split at anything not a letter or digit, trimmed of a plural "s", and
 * a few everyday words map to the words tools use ("remind" finds tasks). Not thread-safe; one per request.
 */
final class Bm25 {
    private static final double K1 = 1.2;
    private static final double B = 0.75;
    private static final Set<String> STOP = Set.of(
            "a", "an", "the", "to", "of", "for", "and", "or", "in", "on", "at", "by", "with", "my", "me", "i", "is",
            "it", "be", "this", "that", "please", "can", "you", "your", "what", "do", "from", "all", "its", "as", "one",
            "when", "use");
    private static final Map<String, List<String>> EVERYDAY = Map.ofEntries(
            Map.entry("remind", List.of("task", "create")),
            Map.entry("reminder", List.of("task", "create")),
            Map.entry("todo", List.of("task", "create")),
            Map.entry("block", List.of("event", "calendar", "create")),
            Map.entry("meeting", List.of("event", "calendar")),
            Map.entry("appointment", List.of("event", "calendar")),
            Map.entry("schedule", List.of("event", "calendar")),
            Map.entry("agenda", List.of("event", "calendar")),
            Map.entry("email", List.of("mail", "message", "inbox")),
            Map.entry("mail", List.of("message", "inbox")),
            Map.entry("reply", List.of("message")),
            Map.entry("automation", List.of("workflow")),
            Map.entry("free", List.of("find", "time")),
            Map.entry("done", List.of("complete")),
            Map.entry("finish", List.of("complete")));

    private final List<Map<String, Integer>> docs = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private long totalLength;

    /** Adds a document; its name's words count twice (a name says more than a sentence about it). */
    int add(String name, String text) {
        Map<String, Integer> counts = new HashMap<>();
        List<String> words = new ArrayList<>(words(name));
        words.addAll(words(name));
        words.addAll(words(text));
        words.forEach(w -> counts.merge(w, 1, Integer::sum));
        counts.keySet().forEach(w -> documentFrequency.merge(w, 1, Integer::sum));
        docs.add(counts);
        lengths.add(words.size());
        totalLength += words.size();
        return docs.size() - 1;
    }

    /** Documents scoring above zero for {@code query}, best first (ties in the order added). */
    List<Integer> search(String query) {
        List<String> terms = new ArrayList<>();
        for (String w : words(query)) {
            terms.add(w);
            terms.addAll(EVERYDAY.getOrDefault(w, List.of()));
        }
        double avg = docs.isEmpty() ? 1 : (double) totalLength / docs.size();
        double[] scores = new double[docs.size()];
        for (String term : terms.stream().distinct().toList()) {
            int df = documentFrequency.getOrDefault(term, 0);
            if (df == 0) {
                continue;
            }
            double idf = Math.log(1 + (docs.size() - df + 0.5) / (df + 0.5));
            for (int d = 0; d < docs.size(); d++) {
                int tf = docs.get(d).getOrDefault(term, 0);
                if (tf > 0) {
                    scores[d] += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths.get(d) / avg));
                }
            }
        }
        List<Integer> hits = new ArrayList<>();
        for (int d = 0; d < scores.length; d++) {
            if (scores[d] > 0) {
                hits.add(d);
            }
        }
        hits.sort(Comparator.comparingDouble((Integer d) -> -scores[d]).thenComparingInt(d -> d));
        return hits;
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{Nd}]+")) {
            if (w.isEmpty() || STOP.contains(w)) {
                continue;
            }
            if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
                w = w.substring(0, w.length() - 1);
            }
            out.add(w);
        }
        return out;
    }
}
