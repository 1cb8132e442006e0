package dev.atom.workspace.search;

import dev.atom.identity.CurrentUser;
import dev.atom.workspace.sync.VisibleConnections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Searches as a member: always inside their workspace, and only over what they may see: synced items of the
 * connections visible to them (looked up once per search, by the rule in {@link VisibleConnections}), and Atom's
 * own items that belong to everyone in the workspace or to them. Thread-safe.
 */
@Service
class SearchService {
    private final JdbcClient jdbc;
    private final IndexSearch search;
    private final SearchIndexer indexer;
    private final VectorPass vectors;
    private final SearchProperties properties;
    private final Map<String, SearchSource> sources = new HashMap<>();

    SearchService(
            JdbcClient jdbc,
            IndexSearch search,
            SearchIndexer indexer,
            VectorPass vectors,
            SearchProperties properties,
            List<SearchSource> sources) {
        this.jdbc = jdbc;
        this.search = search;
        this.indexer = indexer;
        this.vectors = vectors;
        this.properties = properties;
        for (SearchSource source : sources) {
            for (String type : SearchIndexer.types(source.type())) {
                this.sources.put(type, source);
            }
        }
    }

    SearchResult search(CurrentUser user, SearchParams params) {
        SearchRequest request = new SearchRequest(
                user.workspaceId(),
                user.userId(),
                visibleConnections(user),
                params.text(),
                params.types(),
                params.source(),
                params.from(),
                params.to(),
                params.limit(),
                params.offset(),
                params.scoredAt());
        // still indexing: part of the text index is being built, or (hybrid) documents wait for their vectors
        boolean indexing = indexer.indexing() || (properties.hybrid() && vectors.pending());
        return recheck(user, search.search(request, indexing));
    }

    /** Drops the hits their source says the caller may no longer see (see {@link SearchSource#hiddenFrom}). */
    private SearchResult recheck(CurrentUser user, SearchResult result) {
        Map<String, List<String>> idsByType = new HashMap<>();
        result.hits()
                .forEach(h -> idsByType
                        .computeIfAbsent(h.type(), t -> new ArrayList<>())
                        .add(h.id()));
        Set<String> hidden = new HashSet<>();
        idsByType.forEach((type, ids) -> {
            SearchSource source = sources.get(type);
            if (source != null) {
                source.hiddenFrom(user.workspaceId(), user.userId(), ids).forEach(id -> hidden.add(type + ":" + id));
            }
        });
        if (hidden.isEmpty()) {
            return result;
        }
        List<SearchResult.Hit> kept = result.hits().stream()
                .filter(h -> !hidden.contains(h.type() + ":" + h.id()))
                .toList();
        return new SearchResult(kept, result.nextOffset(), result.indexing(), result.scoredAt());
    }

    private Set<String> visibleConnections(CurrentUser user) {
        return new HashSet<>(jdbc.sql(
                        "SELECT c.id FROM connections c WHERE c.workspace_id = :ws AND " + VisibleConnections.CONDITION)
                .param("ws", user.workspaceId())
                .param("viewer", user.userId())
                .query(String.class)
                .list());
    }
}
