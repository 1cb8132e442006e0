package dev.atom.workspace.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's Lucene index on disk: one writer, near-real-time searchers, and the generation of each source
 * it holds (saved in the commit, so after a crash the index claims only what it committed). An index that cannot
 * be opened (corrupt, an older Lucene, another schema) is deleted and starts empty, to be rebuilt from the
 * database. Thread-safe.
 */
final class LuceneIndex implements AutoCloseable {
    /** Bump when the layout in {@link IndexFields} changes: an index of another schema is rebuilt. */
    static final String SCHEMA = "2"; // 2: stamps name their source

    private static final Logger log = LoggerFactory.getLogger(LuceneIndex.class);
    private static final String SCHEMA_KEY = "schema";
    private static final String GENERATION_PREFIX = "gen.";

    private final Analyzer analyzer = new StandardAnalyzer();
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** What the index holds of each source: the database generation it was last brought up to. */
    private final Map<String, Long> generations = new ConcurrentHashMap<>();

    private final boolean opened;
    private final Path dir;
    private volatile boolean deleteOnClose;

    LuceneIndex(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            Directory d = FSDirectory.open(dir);
            IndexWriter w;
            boolean fresh;
            try {
                fresh = !DirectoryReader.indexExists(d) || !SCHEMA.equals(readSchema(d));
                w = new IndexWriter(d, config(fresh));
            } catch (org.apache.lucene.store.LockObtainFailedException e) {
                d.close();
                throw e; // another process uses this index: never wipe it
            } catch (IOException | RuntimeException e) {
                log.warn(
                        "search index in {} cannot be opened ({}); rebuilding it from the database", dir, e.toString());
                d.close();
                wipe(dir);
                d = FSDirectory.open(dir);
                fresh = true;
                w = new IndexWriter(d, config(true));
            }
            this.directory = d;
            this.writer = w;
            this.opened = !fresh;
            if (!fresh) {
                for (var e : w.getLiveCommitData()) {
                    if (e.getKey().startsWith(GENERATION_PREFIX)) {
                        generations.put(e.getKey().substring(GENERATION_PREFIX.length()), Long.parseLong(e.getValue()));
                    }
                }
            }
            this.searchers = new SearcherManager(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + dir, e);
        }
    }

    /** Makes this a throw-away index: its directory is deleted when it is closed. */
    LuceneIndex deletedOnClose() {
        deleteOnClose = true;
        return this;
    }

    Analyzer analyzer() {
        return analyzer;
    }

    /** Whether an existing index was opened (false: it was missing or unusable and starts empty). */
    boolean reopened() {
        return opened;
    }

    /** The generation of {@code source} this index holds, or -1 when it holds none (never built). */
    long generation(String source) {
        return generations.getOrDefault(source, -1L);
    }

    void setGeneration(String source, long generation) {
        generations.put(source, generation);
    }

    void upsert(Document doc) {
        try {
            writer.updateDocument(new Term(IndexFields.KEY, doc.get(IndexFields.KEY)), doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void upsertVector(Document vec) {
        try {
            writer.updateDocument(new Term(IndexFields.VKEY, vec.get(IndexFields.VKEY)), vec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void remove(String key) {
        try {
            writer.deleteDocuments(new Term(IndexFields.KEY, key), new Term(IndexFields.VKEY, key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void removeVector(String key) {
        try {
            writer.deleteDocuments(new Term(IndexFields.VKEY, key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteAll(Query query) {
        try {
            writer.deleteDocuments(query);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes every change so far visible to the next {@link #acquire()} (near-real-time, no disk sync). */
    void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves the changes and the generations they bring (called from one thread at a time). */
    synchronized void commit() {
        Map<String, String> data = new HashMap<>();
        data.put(SCHEMA_KEY, SCHEMA);
        generations.forEach((k, v) -> data.put(GENERATION_PREFIX + k, Long.toString(v)));
        writer.setLiveCommitData(data.entrySet());
        try {
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean hasUncommittedChanges() {
        return writer.hasUncommittedChanges();
    }

    IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored main document of {@code key}, or null. */
    Document find(IndexSearcher searcher, String key) throws IOException {
        var top = searcher.search(new org.apache.lucene.search.TermQuery(new Term(IndexFields.KEY, key)), 1);
        return top.scoreDocs.length == 0 ? null : searcher.storedFields().document(top.scoreDocs[0].doc);
    }

    @Override
    public void close() {
        try {
            searchers.close();
            if (writer.hasUncommittedChanges()) {
                commit();
            }
            writer.close();
            directory.close();
            if (deleteOnClose) {
                wipe(dir);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            log.warn("closing the search index failed", e);
        }
    }

    private IndexWriterConfig config(boolean create) {
        IndexWriterConfig config = new IndexWriterConfig(analyzer);
        config.setOpenMode(create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND);
        config.setRAMBufferSizeMB(64);
        return config;
    }

    private static String readSchema(Directory d) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(d)) {
            return reader.getIndexCommit().getUserData().get(SCHEMA_KEY);
        }
    }

    private static void wipe(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
