package dev.atom.workspace.search;

import dev.atom.shared.db.AtomProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The index's parts. Opening the index is quick (a missing or unusable one starts empty); building it, catching
 * up and embedding run on background threads, so startup never waits for them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
class SearchConfig {
    private static final Logger log = LoggerFactory.getLogger(SearchConfig.class);

    @Bean(destroyMethod = "close")
    LuceneIndex searchLuceneIndex(SearchProperties properties, AtomProperties atom) {
        Path dir = properties.dir() != null ? properties.dir() : atom.dataDir().resolve("search");
        try {
            return new LuceneIndex(dir);
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof LockObtainFailedException)) {
                throw e;
            }
            // Another instance (or, in tests, another application context) uses this data dir's index. The
            // index is derived from the database, so this instance builds its own beside it and drops it on close.
            try {
                Path own = Files.createTempDirectory(dir.toAbsolutePath().getParent(), "search-instance-");
                log.warn(
                        "the search index in {} is in use by another instance; this one builds its own in {}",
                        dir,
                        own);
                return new LuceneIndex(own).deletedOnClose();
            } catch (IOException io) {
                throw new UncheckedIOException("cannot create a search index beside " + dir, io);
            }
        }
    }

    @Bean
    Embeddings searchEmbeddings() {
        return new Embeddings();
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    VectorPass searchVectorPass(LuceneIndex index, Embeddings embeddings, SearchProperties properties) {
        return new VectorPass(index, embeddings, properties);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    SearchIndexer searchIndexer(
            LuceneIndex index,
            List<SearchSource> sources,
            SearchGenerationRepository generations,
            VectorPass vectors,
            SearchProperties properties) {
        return new SearchIndexer(index, sources, generations, vectors, properties);
    }

    @Bean
    IndexSearch searchIndexSearch(LuceneIndex index, Embeddings embeddings, SearchProperties properties, Clock clock) {
        return new IndexSearch(index, embeddings, properties, clock);
    }
}
