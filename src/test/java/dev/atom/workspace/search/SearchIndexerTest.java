package dev.atom.workspace.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The index follows the database: built when missing, rebuilt when corrupt or when the database's generation of
 * a source moved without it (another instance wrote, or it was down), kept across restarts, and updated from
 * change events. Also the contract of {@link SearchGenerationRepository} on every database.
 */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class SearchIndexerTest {
    @Parameter
    TestDatabase db;

    @TempDir
    Path dir;

    private final String ws = Ids.newId();
    private final ListSource tasks = new ListSource();
    /** Synced work items: issues and tasks of connected apps, sharing the type "task" with Atom's own. */
    private final ListSource workItems = new ListSource("issue,task");

    private SearchGenerationRepository generations;
    private LuceneIndex index;
    private SearchIndexer indexer;

    /** A source backed by a list, standing in for the database table a real source reads. */
    static final class ListSource implements SearchSource {
        final List<SearchDocument> docs = new CopyOnWriteArrayList<>();
        final String type;
        int streamed;

        ListSource(String type) {
            this.type = type;
        }

        ListSource() {
            this("task");
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public void forEach(Consumer<SearchDocument> sink) {
            streamed++;
            docs.forEach(sink);
        }
    }

    @BeforeEach
    void open() {
        generations =
                new SearchGenerationRepository(db.jdbc(), db.transactions().getTransactionManager());
        openIndex();
    }

    @AfterEach
    void close() {
        indexer.close();
        index.close();
    }

    private void openIndex() {
        SearchProperties properties = SearchProperties.defaults().withHybrid(false);
        index = new LuceneIndex(dir);
        VectorPass vectors = new VectorPass(index, new Embeddings(), properties);
        indexer = new SearchIndexer(index, List.of(tasks, workItems), generations, vectors, properties);
    }

    private void restart() {
        indexer.close();
        index.close();
        openIndex();
    }

    private SearchDocument task(String title) {
        return new SearchDocument(
                "task", Ids.newId(), ws, null, null, title, "", "Atom tasks", Instant.now(), "/tasks", Map.of());
    }

    private List<String> titles(String q) {
        IndexSearch search = new IndexSearch(
                index, new Embeddings(), SearchProperties.defaults().withHybrid(false), Clock.systemUTC());
        SearchRequest request =
                new SearchRequest(ws, "someone", Set.of("c1"), QueryText.parse(q), Set.of(), null, null, null, 50, 0);
        return search.search(request, false).hits().stream()
                .map(SearchResult.Hit::title)
                .sorted()
                .toList();
    }

    @Test
    void buildsAMissingIndexFromTheSourcesAndKeepsItAcrossRestarts() {
        tasks.docs.add(task("Renew the passport"));
        assertThat(indexer.indexing()).isTrue();
        assertThat(indexer.catchUp()).as("both sources").isEqualTo(2);
        assertThat(indexer.indexing()).isFalse();
        assertThat(titles("passport")).containsExactly("Renew the passport");

        restart();
        assertThat(index.reopened()).isTrue();
        assertThat(indexer.catchUp()).as("nothing changed: no rebuild").isZero();
        assertThat(titles("passport")).containsExactly("Renew the passport");
    }

    @Test
    void appliesChangeEventsAndStaysCurrentWithTheDatabase() {
        indexer.catchUp();
        SearchDocument doc = task("Water the plants");
        tasks.docs.add(doc);
        indexer.enqueue(new SearchDocumentsChanged(List.of(doc), List.of()));
        indexer.applyPending();
        assertThat(titles("plants")).containsExactly("Water the plants");
        assertThat(index.generation("task")).isEqualTo(generations.all().get("task"));
        assertThat(indexer.catchUp()).as("its own change: no rebuild").isZero();

        tasks.docs.remove(doc);
        indexer.enqueue(new SearchDocumentsChanged(List.of(), List.of(SearchDocumentsChanged.key("task", doc.id()))));
        indexer.applyPending();
        assertThat(titles("plants")).isEmpty();
    }

    @Test
    void aRebuildOfOneSourceKeepsAnotherSourcesDocumentsOfTheSameType() {
        tasks.docs.add(task("Order the cake"));
        SearchDocument synced = new SearchDocument(
                "task", Ids.newId(), ws, "c1", null, "Order the balloons", "", "Asana", Instant.now(), "/x", Map.of());
        workItems.docs.add(synced);
        indexer.catchUp();
        assertThat(titles("order")).containsExactly("Order the balloons", "Order the cake");

        indexer.rebuild("issue,task", generations.all().getOrDefault("issue,task", 0L));
        indexer.rebuild("task", generations.all().getOrDefault("task", 0L));
        assertThat(titles("order")).containsExactly("Order the balloons", "Order the cake");

        // a live change of each lands in its own source: the next rebuild of the other keeps it
        SearchDocument cake = task("Order the candles");
        tasks.docs.add(cake);
        indexer.enqueue(new SearchDocumentsChanged(List.of(cake), List.of()));
        indexer.applyPending();
        indexer.rebuild("issue,task", generations.all().getOrDefault("issue,task", 0L));
        assertThat(titles("order")).containsExactly("Order the balloons", "Order the cake", "Order the candles");
        workItems.docs.clear();
        indexer.rebuild("issue,task", generations.all().getOrDefault("issue,task", 0L));
        assertThat(titles("order"))
                .as("a synced task gone upstream goes")
                .containsExactly("Order the cake", "Order the candles");
    }

    @Test
    void skipsADocumentSentAgainUnchangedButAppliesAnyChange() {
        indexer.catchUp();
        SearchDocument doc = task("Book the venue");
        indexer.enqueue(new SearchDocumentsChanged(List.of(doc), List.of()));
        indexer.applyPending();
        long written = generations.all().get("task");

        indexer.enqueue(new SearchDocumentsChanged(List.of(doc), List.of()));
        indexer.applyPending();
        assertThat(generations.all().get("task"))
                .as("nothing changed: nothing written")
                .isEqualTo(written);

        SearchDocument moved = new SearchDocument(
                doc.type(),
                doc.id(),
                ws,
                null,
                null,
                doc.title(),
                "",
                "Atom tasks",
                doc.time(),
                "/tasks",
                Map.of("status", "done"));
        indexer.enqueue(new SearchDocumentsChanged(List.of(moved), List.of()));
        indexer.applyPending();
        assertThat(generations.all().get("task")).as("a field changed").isEqualTo(written + 1);
        assertThat(titles("done")).containsExactly("Book the venue");
    }

    @Test
    void rebuildsASourceAnotherInstanceChanged() {
        SearchDocument old = task("Call the plumber");
        tasks.docs.add(old);
        indexer.catchUp();
        // another instance (same database, its own index) replaced the task and bumped the generation
        tasks.docs.remove(old);
        tasks.docs.add(task("Call the electrician"));
        generations.bump("task");

        assertThat(indexer.catchUp()).isEqualTo(1);
        assertThat(titles("call")).containsExactly("Call the electrician");
    }

    @Test
    void rebuildsChangesMissedWhileDown() {
        tasks.docs.add(task("Pay the invoice"));
        indexer.catchUp();
        indexer.close();
        index.close();
        // while this instance was down, another one changed tasks
        tasks.docs.add(task("Send the invoice reminder"));
        generations.bump("task");
        openIndex();

        assertThat(indexer.catchUp()).isEqualTo(1);
        assertThat(titles("invoice")).containsExactly("Pay the invoice", "Send the invoice reminder");
    }

    @Test
    void rebuildsACorruptIndex() throws IOException {
        tasks.docs.add(task("Fix the bike"));
        indexer.catchUp();
        indexer.close();
        index.close();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.write(f, new byte[] {1, 2, 3}); // every file garbage
            }
        }
        openIndex();
        assertThat(index.reopened()).isFalse();
        assertThat(titles("bike")).isEmpty();
        assertThat(indexer.catchUp()).as("both sources").isEqualTo(2);
        assertThat(titles("bike")).containsExactly("Fix the bike");
    }

    @Test
    void generationsCountEveryBumpPerSource() {
        Map<String, Long> before = generations.all();
        long task = generations.bump("task");
        long run = generations.bump("run-" + ws);
        assertThat(task).isEqualTo(before.getOrDefault("task", 0L) + 1);
        assertThat(run).isEqualTo(1);
        assertThat(generations.bump("task")).isEqualTo(task + 1);
        assertThat(generations.all()).containsEntry("task", task + 1).containsEntry("run-" + ws, 1L);
    }
}
