package dev.atom.workspace.search;

import dev.atom.shared.Ids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the index in step with the database. Two background threads: one applies {@link SearchDocumentsChanged}
 * events in batches (every event queued meanwhile, one near-real-time refresh per batch) and commits now and then;
 * the other rebuilds a source whose generation in the index differs from the database's (missing index, a crash
 * before commit, events this instance never saw). A rebuild stamps the documents it writes and afterwards drops
 * that source's documents with an older stamp, so searches keep answering from the old documents meanwhile.
 */
final class SearchIndexer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);

    private final LuceneIndex index;
    private final Map<String, SearchSource> sources = new LinkedHashMap<>();
    /**
     * Document type -> the source keys that produce it (a source may produce several types: "issue,task,page", and
     * a type may come from several sources: Atom's own tasks and synced ones).
     */
    private final Map<String, List<String>> sourcesOfType = new HashMap<>();

    private final SearchGenerationRepository generations;
    private final VectorPass vectors;
    private final SearchProperties properties;
    /** Changes to apply; a supplier reads its documents when applied (on the indexer's thread, not the publisher's). */
    private final BlockingQueue<Supplier<SearchDocumentsChanged>> events = new LinkedBlockingQueue<>();

    private final Map<String, String> stamps = new HashMap<>();
    /** Bumps this instance made of a source while rebuilding it (they are in the index already). */
    private final Map<String, Long> bumpsDuringRebuild = new HashMap<>();

    private final AtomicBoolean caughtUp = new AtomicBoolean(false);
    private volatile boolean running = true;
    private volatile String rebuilding;
    private final Object rebuildLock = new Object();
    private Thread eventThread;
    private Thread catchUpThread;

    SearchIndexer(
            LuceneIndex index,
            List<SearchSource> sources,
            SearchGenerationRepository generations,
            VectorPass vectors,
            SearchProperties properties) {
        this.index = index;
        this.generations = generations;
        this.vectors = vectors;
        this.properties = properties;
        for (SearchSource source : sources) {
            this.sources.put(source.type(), source);
            for (String type : types(source.type())) {
                sourcesOfType.computeIfAbsent(type, k -> new ArrayList<>()).add(source.type());
            }
        }
    }

    void start() {
        eventThread = Thread.ofPlatform().daemon().name("search-events").start(this::applyEvents);
        catchUpThread = Thread.ofPlatform().daemon().name("search-catch-up").start(this::catchUpLoop);
    }

    /** True while this instance is still building part of its index (answers may be incomplete). */
    boolean indexing() {
        return !caughtUp.get() || rebuilding != null;
    }

    void enqueue(SearchDocumentsChanged event) {
        events.add(() -> event);
    }

    /** Queues a change whose documents are read when it is applied (an owner that publishes ids only). */
    void enqueueLater(Supplier<SearchDocumentsChanged> change) {
        events.add(change);
    }

    /** Rebuilds every source whose generation differs from the database's; answers how many it rebuilt. */
    int catchUp() {
        Map<String, Long> current = generations.all();
        int rebuilt = 0;
        for (String source : sources.keySet()) {
            long db = current.getOrDefault(source, 0L);
            if (index.generation(source) != db) {
                rebuild(source, db);
                rebuilt++;
            }
        }
        caughtUp.set(true);
        return rebuilt;
    }

    /** Re-indexes every document of {@code source} from the database (run by one thread at a time). */
    void rebuild(String source, long dbGeneration) {
        synchronized (rebuildLock) {
            rebuildLocked(source, dbGeneration);
        }
    }

    private void rebuildLocked(String source, long dbGeneration) {
        // the stamp names its source, so a rebuild drops only its own old documents, never another source's of a
        // shared type
        String stamp = source + "|" + Ids.newId();
        synchronized (stamps) {
            stamps.put(source, stamp);
            bumpsDuringRebuild.put(source, 0L);
        }
        rebuilding = source;
        long started = System.nanoTime();
        long[] count = {0};
        try {
            sources.get(source).forEach(doc -> {
                index.upsert(IndexFields.toDocument(doc, stamp));
                if (++count[0] % 50_000 == 0) {
                    index.refresh(); // partial results are searchable while a big source rebuilds
                }
            });
            BooleanQuery.Builder old = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.DOC)), Occur.FILTER)
                    .add(new TermInSetQuery(IndexFields.TYPE, bytes(types(source))), Occur.FILTER)
                    .add(new PrefixQuery(new Term(IndexFields.STAMP, source + "|")), Occur.FILTER)
                    .add(new TermQuery(new Term(IndexFields.STAMP, stamp)), Occur.MUST_NOT);
            index.deleteAll(old.build());
            long finalGeneration = dbGeneration;
            synchronized (stamps) {
                long ours = bumpsDuringRebuild.remove(source);
                long now = generations.all().getOrDefault(source, 0L);
                if (now == dbGeneration + ours) {
                    finalGeneration = now; // every change meanwhile was this instance's, and is in the index
                }
                index.setGeneration(source, finalGeneration);
            }
            index.refresh();
            index.commit();
            log.info(
                    "search: indexed {} {} documents in {} ms",
                    count[0],
                    source,
                    (System.nanoTime() - started) / 1_000_000);
        } finally {
            rebuilding = null;
        }
        vectors.scanSoon();
    }

    /** Applies queued events now, on the caller's thread (tests and the benchmark; the event thread does it too). */
    void applyPending() {
        List<Supplier<SearchDocumentsChanged>> batch = new ArrayList<>();
        events.drainTo(batch);
        apply(resolve(batch));
    }

    private static List<SearchDocumentsChanged> resolve(List<Supplier<SearchDocumentsChanged>> batch) {
        List<SearchDocumentsChanged> changes = new ArrayList<>();
        for (Supplier<SearchDocumentsChanged> change : batch) {
            try {
                changes.add(change.get());
            } catch (RuntimeException e) {
                log.warn("search: reading changed items failed; the next catch-up re-indexes them", e);
            }
        }
        return changes;
    }

    private void applyEvents() {
        long lastCommit = System.nanoTime();
        while (running) {
            try {
                Supplier<SearchDocumentsChanged> first = events.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Supplier<SearchDocumentsChanged>> batch = new ArrayList<>();
                    batch.add(first);
                    events.drainTo(batch, 10_000);
                    apply(resolve(batch));
                }
                if (System.nanoTime() - lastCommit > properties.commitInterval().toNanos()
                        && index.hasUncommittedChanges()) {
                    index.commit();
                    lastCommit = System.nanoTime();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("search: applying changes failed; the next catch-up re-indexes what is missing", e);
            }
        }
    }

    private synchronized void apply(List<SearchDocumentsChanged> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Set<String> touched = new HashSet<>();
        Set<String> written = new HashSet<>();
        List<String> toEmbed = new ArrayList<>();
        IndexSearcher current = index.acquire();
        try {
            for (SearchDocumentsChanged event : batch) {
                for (SearchDocument doc : event.upserted()) {
                    String source = sourceOf(doc);
                    String stamp;
                    synchronized (stamps) {
                        stamp = stamps.getOrDefault(source, source + "|event");
                    }
                    String key = SearchDocumentsChanged.key(doc.type(), doc.id());
                    Document next = IndexFields.toDocumentWithDigest(doc, stamp);
                    if (rebuilding == null
                            && !written.contains(key)
                            && IndexFields.sameContent(index.find(current, key), next)) {
                        continue; // unchanged (a re-sent item): keep it and its vector, no re-embedding
                    }
                    written.add(key);
                    index.upsert(next);
                    index.removeVector(key); // an old vector must not find the new text; re-embedded shortly
                    toEmbed.add(key);
                    touched.add(source);
                }
                for (String key : event.removed()) {
                    int colon = key.indexOf(':');
                    index.remove(key);
                    written.add(key);
                    String type = key.substring(0, Math.max(colon, 0));
                    touched.addAll(sourcesOfType.getOrDefault(type, List.of(type)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            index.release(current);
        }
        for (String source : touched) {
            long before = index.generation(source);
            long now = generations.bump(source);
            synchronized (stamps) {
                Long ours = bumpsDuringRebuild.get(source);
                if (ours != null) {
                    bumpsDuringRebuild.put(source, ours + 1);
                } else if (before == now - 1) {
                    index.setGeneration(source, now); // else another instance wrote too: the catch-up rebuilds
                }
            }
        }
        index.refresh();
        vectors.enqueue(toEmbed);
    }

    /**
     * The source of a changed document. A type several sources produce is told apart by the connection: Atom's
     * own items have none and come from the source of that type alone ("task"), synced ones from the other.
     */
    private String sourceOf(SearchDocument doc) {
        List<String> claimants = sourcesOfType.getOrDefault(doc.type(), List.of(doc.type()));
        if (claimants.size() == 1) {
            return claimants.getFirst();
        }
        boolean own = doc.connectionId() == null;
        for (String source : claimants) {
            if (own == source.equals(doc.type())) {
                return source;
            }
        }
        return claimants.getFirst();
    }

    private void catchUpLoop() {
        while (running) {
            try {
                catchUp();
            } catch (RuntimeException e) {
                caughtUp.set(true); // answer from what is there; try again next round
                log.warn("search: catching up with the database failed; retrying", e);
            }
            pause(properties.catchUp().toMillis());
        }
    }

    /** Sleeps in short steps so closing never interrupts a thread inside Lucene's file I/O. */
    private void pause(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (running && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(Math.min(200, Math.max(1, end - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : new Thread[] {eventThread, catchUpThread}) {
            if (t != null) {
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        applyPending();
    }

    static List<String> types(String sourceType) {
        return List.of(sourceType.split("\\s*,\\s*"));
    }

    private static List<BytesRef> bytes(List<String> values) {
        return values.stream().map(BytesRef::new).toList();
    }
}
