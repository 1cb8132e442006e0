package dev.atom.workspace.search;

import dev.atom.shared.db.AtomProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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

    @Bean(destroyMethod = "close")
    LuceneIndex searchLuceneIndex(SearchProperties properties, AtomProperties atom) {
        Path dir = properties.dir() != null ? properties.dir() : atom.dataDir().resolve("search");
        return new LuceneIndex(dir);
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
