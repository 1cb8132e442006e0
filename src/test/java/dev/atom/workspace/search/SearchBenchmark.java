package dev.atom.workspace.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.document.Document;

/**
 * The search benchmark (bench/search/run.sh): N generated items (default 1,000,000) in 100 workspaces, indexed
 * the way a rebuild does; then permission-filtered queries (2 words, some with a typo, a phrase or type:), BM25
 * alone and hybrid. Hybrid needs vectors: the real model embeds a sample (its rate is printed), and the first
 * VECTORS documents get synthetic unit vectors so the vector search runs over a realistic graph size; queries
 * are embedded by the real model. Not a test: a main method.
 */
public final class SearchBenchmark {
    private static final String[] WORDS = words();

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int vectors = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        // BENCH_INDEX=<dir>: build the index there once and reuse it on later runs (A/B of query changes)
        String keep = System.getenv("BENCH_INDEX");
        Path dir = keep == null || keep.isBlank() ? Files.createTempDirectory("atom-search-bench-") : Path.of(keep);
        System.out.printf("load average at start: %s%n", loadAverage());
        Random random = new Random(42);
        try (LuceneIndex index = new LuceneIndex(dir)) {
            Embeddings embeddings = new Embeddings();
            embeddings.load();
            if (index.generation(BUILT) == n && index.generation(BUILT_VECTORS) == vectors) {
                System.out.printf("reusing the index of %,d items and %,d vectors in %s%n", n, vectors, dir);
            } else {
                build(index, n, vectors, random, embeddings);
            }
            for (boolean hybrid : new boolean[] {false, true}) {
                SearchProperties props = SearchProperties.defaults().withHybrid(hybrid);
                IndexSearch search = new IndexSearch(index, embeddings, props, Clock.systemUTC());
                Random q = new Random(7);
                for (int i = 0; i < 200; i++) { // warm-up
                    search.search(request(q), false);
                }
                long[] took = new long[queries];
                int hits = 0;
                for (int i = 0; i < queries; i++) {
                    SearchRequest r = request(q);
                    long s = System.nanoTime();
                    hits += search.search(r, false).hits().size();
                    took[i] = System.nanoTime() - s;
                }
                Arrays.sort(took);
                System.out.printf(
                        "%s: %d queries, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %.1f hits/query%n",
                        hybrid ? "hybrid (BM25 + vectors, RRF)" : "BM25 only",
                        queries,
                        took[queries / 2] / 1e6,
                        took[(int) (queries * 0.99)] / 1e6,
                        took[queries - 1] / 1e6,
                        hits / (double) queries);
            }
        } finally {
            if (keep == null || keep.isBlank()) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
            System.out.printf("load average at end: %s%n", loadAverage());
        }
    }

    private static final String BUILT = "bench-items";
    private static final String BUILT_VECTORS = "bench-vectors";

    /** Indexes N items the way a rebuild does, times the real model, and adds synthetic vectors. */
    private static void build(LuceneIndex index, int n, int vectors, Random random, Embeddings embeddings)
            throws Exception {
        index.deleteAll(new org.apache.lucene.search.MatchAllDocsQuery());
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            index.upsert(IndexFields.toDocument(item(i, random), "bench"));
        }
        index.refresh();
        index.commit();
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("indexed %,d items in %.1f s: %,.0f items/s (BM25 fields, committed)%n", n, secs, n / secs);

        List<String> sample = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sample.add(text(12, random) + "\n" + text(60, random));
        }
        long e0 = System.nanoTime();
        for (int i = 0; i < sample.size(); i += 32) {
            embeddings.embedAll(sample.subList(i, Math.min(sample.size(), i + 32)));
        }
        double eSecs = (System.nanoTime() - e0) / 1e9;
        System.out.printf("embedding (real model, title + start of body): %.0f items/s%n", sample.size() / eSecs);

        long v0 = System.nanoTime();
        var searcher = index.acquire();
        try {
            for (int i = 0, added = 0; i < n && added < vectors; i++) {
                Document main = index.find(searcher, "message:m" + i);
                if (main == null) {
                    continue; // not a message
                }
                added++;
                index.upsertVector(IndexFields.toVectorDocument(main, randomUnit(random), "synthetic"));
            }
        } finally {
            index.release(searcher);
        }
        index.setGeneration(BUILT, n);
        index.setGeneration(BUILT_VECTORS, vectors);
        index.refresh();
        index.commit();
        System.out.printf("added %,d synthetic vectors (HNSW) in %.1f s%n", vectors, (System.nanoTime() - v0) / 1e9);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static SearchRequest request(Random r) {
        int ws = r.nextInt(100);
        String a = WORDS[zipf(r)];
        String b = WORDS[zipf(r)];
        String text = switch (r.nextInt(4)) {
            case 0 -> a + " " + b;
            case 1 -> typo(a, r) + " " + b;
            case 2 -> "\"" + a + " " + b + "\"";
            default -> "type:message " + a;
        };
        return new SearchRequest(
                "ws" + ws,
                "user" + ws + "-" + r.nextInt(5),
                Set.of("conn" + ws + "-0", "conn" + ws + "-1"),
                QueryText.parse(text),
                Set.of(),
                null,
                null,
                null,
                20,
                0);
    }

    private static SearchDocument item(int i, Random r) {
        int ws = i % 100;
        String type = i % 10 < 6 ? "message" : i % 10 < 8 ? "task" : i % 10 < 9 ? "event" : "file";
        String id = type.equals("message") ? "m" + i : "x" + i;
        String connection = type.equals("task") ? null : "conn" + ws + "-" + r.nextInt(4);
        return new SearchDocument(
                type,
                id,
                "ws" + ws,
                connection,
                null,
                text(4 + r.nextInt(6), r),
                text(20 + r.nextInt(60), r),
                "Gmail",
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(r.nextInt(30_000_000)),
                "/inbox/" + id,
                Map.of("from", WORDS[r.nextInt(500)] + "@example.com"));
    }

    private static String text(int words, Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            b.append(i == 0 ? "" : " ").append(WORDS[zipf(r)]);
        }
        return b.toString();
    }

    /** Word ranks roughly as in real text: a few common, a long tail. */
    private static int zipf(Random r) {
        return (int) Math.min(WORDS.length - 1, Math.floor(Math.pow(WORDS.length, r.nextDouble())) - 1);
    }

    private static String typo(String w, Random r) {
        if (w.length() < 5) {
            return w;
        }
        int i = 1 + r.nextInt(w.length() - 2);
        return w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2);
    }

    private static float[] randomUnit(Random r) {
        float[] v = new float[Embeddings.DIMENSIONS];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    /** 20,000 pronounceable pseudo-words (a vocabulary the size of a mailbox's). */
    private static String[] words() {
        String[] syllables = {
            "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ber", "dan", "fel", "gor", "han", "jel", "kor", "lin",
            "mar", "nor", "pel", "quin", "ros", "sel", "tor", "val"
        };
        Random r = new Random(1);
        String[] words = new String[20_000];
        for (int i = 0; i < words.length; i++) {
            StringBuilder b = new StringBuilder();
            int parts = 2 + r.nextInt(2);
            for (int p = 0; p < parts; p++) {
                b.append(syllables[r.nextInt(syllables.length)]);
            }
            words[i] = b.append(i % 97).toString().replaceAll("[0-9]+$", i % 3 == 0 ? "" : "s");
        }
        return words;
    }

    private SearchBenchmark() {}
}
