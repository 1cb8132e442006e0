package dev.atom.workspace.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hybrid search is switchable (issue 10 §6): on, the in-process model's vectors find a document by meaning and
 * are fused with BM25 by reciprocal rank; off (or for a quoted phrase), only the words count. Also: a typo is
 * matched only for a word the index lacks, and its snippet marks the word found. Runs the real quantized model
 * (it ships inside its jar; nothing is downloaded).
 */
class HybridSearchTest {
    @TempDir
    Path dir;

    private LuceneIndex index;
    private final Embeddings embeddings = new Embeddings();

    @BeforeEach
    void open() {
        index = new LuceneIndex(dir);
        add("car", "Car repair appointment", "Bring the vehicle to the garage for its brake service");
        add("dinner", "Dinner recipe", "Roast vegetables with garlic and rosemary");
        add("board", "Quarterly board meeting", "Prepare the budget slides");
        index.refresh();
        VectorPass vectors = new VectorPass(index, embeddings, SearchProperties.defaults());
        vectors.scanSoon();
        vectors.drain();
        assertThat(embeddings.ready()).as("the model loads from its jar").isTrue();
    }

    @AfterEach
    void close() {
        index.close();
    }

    private void add(String id, String title, String body) {
        index.upsert(IndexFields.toDocument(
                new SearchDocument(
                        "task", id, "ws", null, null, title, body, "Atom tasks", Instant.now(), "/tasks", Map.of()),
                "test"));
    }

    private List<SearchResult.Hit> search(String q, boolean hybrid) {
        IndexSearch search =
                new IndexSearch(index, embeddings, SearchProperties.defaults().withHybrid(hybrid), Clock.systemUTC());
        return search.search(
                        new SearchRequest("ws", "u", Set.of(), QueryText.parse(q), Set.of(), null, null, null, 10, 0),
                        false)
                .hits();
    }

    private static List<String> ids(List<SearchResult.Hit> hits) {
        return hits.stream().map(SearchResult.Hit::id).toList();
    }

    @Test
    void hybridFindsByMeaningAndSwitchedOffOnlyByWords() {
        assertThat(ids(search("automobile mechanic", false))).isEmpty();
        assertThat(ids(search("automobile mechanic", true))).first().isEqualTo("car");
        assertThat(ids(search("\"automobile mechanic\"", true)))
                .as("a phrase stays exact")
                .isEmpty();
        assertThat(ids(search("budget", true)))
                .first()
                .as("words still rank first")
                .isEqualTo("board");
    }

    @Test
    void reciprocalRankFusionRewardsDocumentsBothListsFound() {
        assertThat(IndexSearch.fuse(List.of("a", "b", "c"), List.of("c", "d")))
                .containsExactly("c", "a", "b", "d"); // b and d tie: the BM25 order decides
        assertThat(IndexSearch.fuse(List.of("a", "b"), List.of())).containsExactly("a", "b");
    }

    @Test
    void typosAreMatchedForWordsTheIndexLacksAndTheFoundWordIsMarked() {
        List<SearchResult.Hit> hits = search("budegt", false);
        assertThat(ids(hits)).containsExactly("board");
        assertThat(hits.getFirst().snippet()).contains("<mark>budget</mark>");
        assertThat(ids(search("garlci", false))).containsExactly("dinner");
        // "brake" is in the index as typed: no fuzzy "break"/"brakes" noise, and its own hit is marked
        assertThat(search("brake", false).getFirst().snippet()).contains("<mark>brake</mark>");
    }
}
