package dev.atom.workspace.search;

import java.time.Instant;
import java.util.Set;

/**
 * One search, already validated: who asks (their workspace, user id and the connections they may read through),
 * what they typed, the API's filters, and the page wanted.
 *
 * @param types document types to keep (empty: all); {@code type:} in the text narrows further
 * @param source a connection id or a source name ("Gmail", "Atom tasks"), or null
 * @param offset how many fused hits to skip (from the cursor)
 * @param scoredAt the moment (epoch millis) recency is scored against, from the cursor; null: the current minute
 */
record SearchRequest(
        String workspaceId,
        String userId,
        Set<String> visibleConnections,
        QueryText text,
        Set<String> types,
        String source,
        Instant from,
        Instant to,
        int limit,
        int offset,
        Long scoredAt) {

    /** A first page: scored against the current minute. */
    SearchRequest(
            String workspaceId,
            String userId,
            Set<String> visibleConnections,
            QueryText text,
            Set<String> types,
            String source,
            Instant from,
            Instant to,
            int limit,
            int offset) {
        this(workspaceId, userId, visibleConnections, text, types, source, from, to, limit, offset, null);
    }
}
