package dev.atom.workspace.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Runs one search on the current index: BM25 (+ recency) alone, or fused by reciprocal rank with the nearest
 * embedding vectors when hybrid search is on and the model is loaded; then the page's snippets, in which the
 * matched terms are marked and everything else is HTML-escaped. Thread-safe.
 */
final class IndexSearch {
    /** The usual RRF constant: ranks below ~60 contribute about equally, the top ranks dominate. */
    static final int RRF_K = 60;

    private static final int MIN_CANDIDATES = 100;
    private static final Set<String> HIT_FIELDS = Set.of(
            IndexFields.KEY,
            IndexFields.TYPE,
            IndexFields.ID,
            IndexFields.TITLE,
            IndexFields.SOURCE,
            IndexFields.TIME_STORED,
            IndexFields.LINK);

    private final LuceneIndex index;
    private final Embeddings embeddings;
    private final SearchProperties properties;
    private final QueryBuilding building;
    private final Clock clock;

    IndexSearch(LuceneIndex index, Embeddings embeddings, SearchProperties properties, Clock clock) {
        this.index = index;
        this.embeddings = embeddings;
        this.properties = properties;
        this.building = new QueryBuilding(index.analyzer());
        this.clock = clock;
    }

    SearchResult search(SearchRequest r, boolean indexing) {
        IndexSearcher searcher = index.acquire();
        try {
            QueryBuilding.Text text = building.text(r.text(), searcher);
            // recency is scored against one moment for every page of a search: the first page's minute, which its
            // cursor carries; a "now" that moved between two pages could reorder near-ties and repeat a hit
            long now = r.scoredAt() != null ? r.scoredAt() : clock.millis() / 60_000 * 60_000;
            Query ranked = building.ranked(text.match(), building.filter(r, IndexFields.DOC), now, properties);
            int wanted = r.offset() + r.limit() + 1;
            boolean hybrid = properties.hybrid()
                    && !r.text().words().isEmpty()
                    && r.text().phrases().isEmpty()
                    && embeddings.ready();
            TopDocs lexical = searcher.search(ranked, hybrid ? Math.max(wanted, MIN_CANDIDATES) : wanted);
            Map<String, Integer> mainDocs = new HashMap<>();
            List<String> order = new ArrayList<>();
            for (ScoreDoc sd : lexical.scoreDocs) {
                String key = searcher.storedFields()
                        .document(sd.doc, Set.of(IndexFields.KEY))
                        .get(IndexFields.KEY);
                mainDocs.put(key, sd.doc);
                order.add(key);
            }
            if (hybrid) {
                order = fuse(order, nearest(searcher, r, Math.max(wanted, MIN_CANDIDATES)));
            }
            List<String> page = order.subList(Math.min(r.offset(), order.size()), Math.min(wanted - 1, order.size()));
            List<ScoreDoc> docs = new ArrayList<>();
            for (String key : page) {
                Integer doc = mainDocs.get(key);
                if (doc == null) {
                    doc = docId(searcher, key); // a hit by meaning only
                }
                if (doc != null) {
                    docs.add(new ScoreDoc(doc, 0));
                }
            }
            List<SearchResult.Hit> hits = hits(searcher, text.highlight(), docs);
            Integer next = order.size() >= wanted ? r.offset() + r.limit() : null;
            return new SearchResult(hits, next, indexing, now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            index.release(searcher);
        }
    }

    /** Keys of the vector documents nearest to the query's meaning, closest first, above the similarity floor. */
    private List<String> nearest(IndexSearcher searcher, SearchRequest r, int k) throws IOException {
        float[] vector = embeddings.embed(r.text().meaning());
        Query knn = new KnnFloatVectorQuery(IndexFields.VECTOR, vector, k, building.filter(r, IndexFields.VEC));
        float floor = (float) ((1 + properties.minSimilarity()) / 2); // Lucene's cosine score is (1 + cos) / 2
        List<String> keys = new ArrayList<>();
        for (ScoreDoc sd : searcher.search(knn, k).scoreDocs) {
            if (sd.score >= floor) {
                keys.add(searcher.storedFields()
                        .document(sd.doc, Set.of(IndexFields.VKEY))
                        .get(IndexFields.VKEY));
            }
        }
        return keys;
    }

    /** Reciprocal rank fusion: each list adds 1 / (k + rank); equal sums keep the BM25 order. */
    static List<String> fuse(List<String> lexical, List<String> semantic) {
        Map<String, Double> score = new LinkedHashMap<>();
        Map<String, Integer> lexicalRank = new HashMap<>();
        for (int i = 0; i < lexical.size(); i++) {
            score.merge(lexical.get(i), 1.0 / (RRF_K + i + 1), Double::sum);
            lexicalRank.put(lexical.get(i), i);
        }
        for (int i = 0; i < semantic.size(); i++) {
            score.merge(semantic.get(i), 1.0 / (RRF_K + i + 1), Double::sum);
        }
        List<String> keys = new ArrayList<>(score.keySet());
        keys.sort(Comparator.comparingLong((String key) -> -Math.round(score.get(key) * 1e9))
                .thenComparingInt(key -> lexicalRank.getOrDefault(key, Integer.MAX_VALUE)));
        return keys;
    }

    private Integer docId(IndexSearcher searcher, String key) throws IOException {
        TopDocs top = searcher.search(
                new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(IndexFields.KEY, key)), 1);
        return top.scoreDocs.length == 0 ? null : top.scoreDocs[0].doc;
    }

    private List<SearchResult.Hit> hits(IndexSearcher searcher, Query text, List<ScoreDoc> docs) throws IOException {
        if (docs.isEmpty()) {
            return List.of();
        }
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, index.analyzer())
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true))
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getWordInstance(Locale.ROOT), 160, 0.3f))
                .withMaxLength(20_000)
                .build();
        TopDocs top =
                new TopDocs(new TotalHits(docs.size(), TotalHits.Relation.EQUAL_TO), docs.toArray(ScoreDoc[]::new));
        String[] snippets =
                highlighter.highlight(IndexFields.BODY, text == null ? new MatchAllDocsQuery() : text, top, 1);
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            Document d = searcher.storedFields().document(docs.get(i).doc, HIT_FIELDS);
            String time = d.get(IndexFields.TIME_STORED);
            hits.add(new SearchResult.Hit(
                    d.get(IndexFields.TYPE),
                    d.get(IndexFields.ID),
                    d.get(IndexFields.TITLE),
                    snippets[i] == null ? "" : snippets[i].strip(),
                    d.get(IndexFields.SOURCE),
                    time == null ? null : Instant.ofEpochMilli(Long.parseLong(time)),
                    d.get(IndexFields.LINK)));
        }
        return hits;
    }
}
