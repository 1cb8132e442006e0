package dev.atom.workspace.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.shared.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every page of one search is scored against the moment of its first page: the cursor carries it, so a clock that
 * moves between pages (here by weeks, far more than the minute that made CI repeat a hit) neither reorders the hits
 * nor repeats one across pages. Hits differ in words and age, so a moved "now" does reorder a fresh search.
 */
class SearchCursorTest {
    private static final Instant START = Instant.parse("2026-12-06T09:00:30Z");

    @TempDir
    Path dir;

    private LuceneIndex index;
    private final MovingClock clock = new MovingClock();

    /** A clock the test moves; read by the search on its own thread only. */
    static final class MovingClock extends Clock {
        Instant now = START;

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

    @BeforeEach
    void open() {
        index = new LuceneIndex(dir);
        for (int i = 0; i < 12; i++) {
            String words = "report " + "report ".repeat(i % 4) + "filler ".repeat(i % 3);
            Instant time = START.minus(Duration.ofDays(3L * i)).plus(Duration.ofDays(i % 2 == 0 ? 0 : 40));
            index.upsert(IndexFields.toDocument(
                    new SearchDocument(
                            "task",
                            "t" + i,
                            "ws",
                            null,
                            null,
                            words.strip(),
                            "",
                            "Atom tasks",
                            time,
                            "/tasks",
                            Map.of()),
                    "test"));
        }
        index.refresh();
    }

    @AfterEach
    void close() {
        index.close();
    }

    private SearchResult page(String cursor, int limit) {
        SearchParams p = SearchParams.parse("report", null, null, null, null, String.valueOf(limit), cursor);
        IndexSearch search = new IndexSearch(
                index, new Embeddings(), SearchProperties.defaults().withHybrid(false), clock);
        return search.search(
                new SearchRequest(
                        "ws",
                        "u",
                        Set.of(),
                        p.text(),
                        p.types(),
                        p.source(),
                        p.from(),
                        p.to(),
                        p.limit(),
                        p.offset(),
                        p.scoredAt()),
                false);
    }

    private static List<String> ids(SearchResult result) {
        return result.hits().stream().map(SearchResult.Hit::id).toList();
    }

    @Test
    void everyPageOfOneSearchIsScoredAgainstTheFirstPagesMomentWhileTheClockMoves() {
        List<String> atStart = ids(page(null, 12));
        clock.now = START.plus(Duration.ofDays(20));
        assertThat(ids(page(null, 12)))
                .as("a fresh search after the clock moved ranks differently, so pinning matters")
                .isNotEqualTo(atStart);

        clock.now = START;
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            SearchResult result = page(cursor, 4);
            paged.addAll(ids(result));
            cursor = SearchParams.nextCursor(result);
            clock.now = clock.now.plus(Duration.ofDays(20)); // weeks pass between two pages
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(paged)
                .as("no hit repeated or lost, in the first page's order")
                .isEqualTo(atStart);
    }

    @Test
    void theFirstPageIsScoredAgainstTheCurrentMinuteAndItsCursorSaysSo() {
        SearchResult first = page(null, 4);
        assertThat(first.scoredAt())
                .isEqualTo(Instant.parse("2026-12-06T09:00:00Z").toEpochMilli());
        clock.now = START.plus(Duration.ofDays(3));
        assertThat(page(SearchParams.nextCursor(first), 4).scoredAt()).isEqualTo(first.scoredAt());
    }

    @Test
    void aCursorWithoutAMomentStillPagesAndAForgedOneIsRefused() {
        String old = Base64.getUrlEncoder().withoutPadding().encodeToString("o:4".getBytes(StandardCharsets.UTF_8));
        assertThat(ids(page(old, 4))).isEqualTo(ids(page(null, 12)).subList(4, 8));
        String forged =
                Base64.getUrlEncoder().withoutPadding().encodeToString("o:4:t:-5".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> page(forged, 4))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors())
                                .extracting(ApiException.FieldError::field)
                                .containsExactly("cursor"));
    }
}
