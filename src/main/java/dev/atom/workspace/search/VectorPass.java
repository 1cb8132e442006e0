package dev.atom.workspace.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds embedding vectors in the background, so indexing never waits for the model (a few milliseconds per
 * document on one core, against microseconds for BM25): changed keys are queued, and after a rebuild (or a
 * queue overflow) a scan walks every document and embeds those whose vector is missing or out of date. Until
 * then a document is found by BM25 alone.
 */
final class VectorPass implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VectorPass.class);
    private static final int BATCH = 32;

    private final LuceneIndex index;
    private final Embeddings embeddings;
    private final SearchProperties properties;
    private final BlockingQueue<String> keys = new ArrayBlockingQueue<>(100_000);
    private volatile boolean scanNeeded = true;
    private volatile boolean running = true;
    private volatile boolean busy;
    private Thread thread;

    VectorPass(LuceneIndex index, Embeddings embeddings, SearchProperties properties) {
        this.index = index;
        this.embeddings = embeddings;
        this.properties = properties;
    }

    void start() {
        if (properties.embeddings()) {
            thread = Thread.ofPlatform().daemon().name("search-embed").start(this::loop);
        }
    }

    void enqueue(List<String> changed) {
        if (!properties.embeddings()) {
            return;
        }
        for (String key : changed) {
            if (!keys.offer(key)) {
                scanNeeded = true; // too many at once (a big sync): the scan finds them
                keys.clear();
                return;
            }
        }
    }

    void scanSoon() {
        scanNeeded = true;
    }

    /** True while documents are waiting for their vectors. */
    boolean pending() {
        return properties.embeddings() && (busy || scanNeeded || !keys.isEmpty());
    }

    /** Embeds everything waiting, on the caller's thread (tests and the benchmark). */
    void drain() {
        if (!embeddings.load()) {
            return;
        }
        while (scanNeeded || !keys.isEmpty()) {
            step();
        }
    }

    private void loop() {
        if (!embeddings.load()) {
            return;
        }
        while (running) {
            try {
                if (!step()) {
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("search: embedding failed; documents stay found by BM25", e);
            }
        }
    }

    /** One unit of work; false when there was nothing to do. */
    private synchronized boolean step() {
        busy = true;
        try {
            if (!keys.isEmpty()) {
                List<String> batch = new ArrayList<>();
                keys.drainTo(batch, BATCH);
                embed(batch);
                return true;
            }
            if (scanNeeded) {
                scanNeeded = false;
                scan();
                return true;
            }
            return false;
        } finally {
            busy = false;
        }
    }

    private void scan() {
        IndexSearcher searcher = index.acquire();
        try {
            List<String> batch = new ArrayList<>();
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Bits live = leaf.reader().getLiveDocs();
                StoredFields stored = leaf.reader().storedFields();
                for (int doc = 0; doc < leaf.reader().maxDoc() && running; doc++) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    String key = stored.document(doc, Set.of(IndexFields.KEY)).get(IndexFields.KEY);
                    if (key != null) {
                        batch.add(key);
                        if (batch.size() == BATCH) {
                            embed(batch);
                            batch.clear();
                        }
                    }
                }
            }
            embed(batch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            index.release(searcher);
        }
    }

    /** Embeds those of {@code batch} whose vector is missing or stale, and makes them searchable. */
    private void embed(List<String> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Document> mains = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        IndexSearcher searcher = index.acquire();
        try {
            for (String key : batch) {
                Document main = index.find(searcher, key);
                if (main == null) {
                    continue;
                }
                String text = IndexFields.embedText(main, properties.embedChars());
                String hash = IndexFields.vectorHash(main, text);
                TopDocs existing = searcher.search(new TermQuery(new Term(IndexFields.VKEY, key)), 1);
                if (existing.scoreDocs.length > 0
                        && hash.equals(searcher.storedFields()
                                .document(existing.scoreDocs[0].doc)
                                .get(IndexFields.VHASH))) {
                    continue;
                }
                mains.add(main);
                texts.add(text);
                hashes.add(hash);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            index.release(searcher);
        }
        if (mains.isEmpty()) {
            return;
        }
        List<float[]> vectors = embeddings.embedAll(texts);
        for (int i = 0; i < mains.size(); i++) {
            index.upsertVector(IndexFields.toVectorDocument(mains.get(i), vectors.get(i), hashes.get(i)));
        }
        index.refresh();
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
