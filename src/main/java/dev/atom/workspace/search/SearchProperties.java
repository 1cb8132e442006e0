package dev.atom.workspace.search;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code atom.workspace.search.*}: how this instance indexes and ranks.
 *
 * @param dir where the index lives; blank means {@code <data dir>/search}
 * @param hybrid whether queries also use the in-process embeddings (fused with BM25 by reciprocal rank); a query
 *     with a quoted phrase stays exact (BM25 only)
 * @param embeddings whether documents get embedding vectors at all (a background pass; off saves CPU)
 * @param embedChars how much of title + body is embedded (the model reads 256 tokens at most anyway)
 * @param minSimilarity the cosine similarity below which a vector neighbour is not a hit (no junk for nonsense)
 * @param recencyWeight how much "recent" adds to a BM25 score (a hit from now gets this much, a month ago half)
 * @param recencyPivot the age at which the recency boost has halved
 * @param catchUp how often the instance compares its index with the database (other instances' writes)
 * @param commitInterval how often changes are committed to disk (searches see them at once anyway)
 */
@ConfigurationProperties("atom.workspace.search")
record SearchProperties(
        Path dir,
        Boolean hybrid,
        Boolean embeddings,
        Integer embedChars,
        Double minSimilarity,
        Double recencyWeight,
        Duration recencyPivot,
        Duration catchUp,
        Duration commitInterval) {

    SearchProperties {
        hybrid = hybrid == null ? Boolean.TRUE : hybrid;
        embeddings = embeddings == null ? hybrid : embeddings;
        embedChars = embedChars == null ? 600 : embedChars;
        minSimilarity = minSimilarity == null ? 0.35 : minSimilarity;
        recencyWeight = recencyWeight == null ? 1.0 : recencyWeight;
        recencyPivot = recencyPivot == null ? Duration.ofDays(30) : recencyPivot;
        catchUp = catchUp == null ? Duration.ofSeconds(30) : catchUp;
        commitInterval = commitInterval == null ? Duration.ofSeconds(5) : commitInterval;
    }

    static SearchProperties defaults() {
        return new SearchProperties(null, null, null, null, null, null, null, null, null);
    }

    SearchProperties withHybrid(boolean on) {
        return new SearchProperties(
                dir, on, on, embedChars, minSimilarity, recencyWeight, recencyPivot, catchUp, commitInterval);
    }
}
