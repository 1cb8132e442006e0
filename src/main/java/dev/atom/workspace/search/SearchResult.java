package dev.atom.workspace.search;

import java.time.Instant;
import java.util.List;

/**
 * A page of hits, best first; {@code nextOffset} is null on the last page, and {@code indexing} says the index
 * is still being built (a hit may be missing yet); {@code scoredAt} is the moment recency was scored against, which
 * the next page's cursor carries.
 */
record SearchResult(List<Hit> hits, Integer nextOffset, boolean indexing, long scoredAt) {

    /** One hit; {@code snippet} is HTML-escaped text in which the matched terms are wrapped in {@code <mark>}. */
    record Hit(String type, String id, String title, String snippet, String source, Instant time, String link) {}
}
