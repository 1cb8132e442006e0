package dev.atom.workspace.search;

import java.time.Instant;
import java.util.Map;

/**
 * One thing search finds, as a {@link SearchSource} describes it; the index is derived from these and rebuilt from
 * the sources when missing or stale.
 *
 * @param type task, event, message, file, issue, page, workflow or run
 * @param id the item's id in Atom (what its {@code link} opens)
 * @param connectionId the connection it was synced from, or null for Atom's own items; a caller sees it only while
 *     the connection is visible to them (shared, or theirs), checked at query time
 * @param ownerUserId for Atom's own private items (a local calendar event), the only user who sees it; null when
 *     every member of the workspace may
 * @param source what to show as its origin ("Gmail", "Atom tasks", a connection's name)
 * @param time when it happened or is due (recency ranking, from/to filters), may be null
 * @param fields extra searchable fields by name ({@code from}, {@code to}, {@code container}); {@code from:}
 *     filters read {@code from}
 */
public record SearchDocument(
        String type,
        String id,
        String workspaceId,
        String connectionId,
        String ownerUserId,
        String title,
        String body,
        String source,
        Instant time,
        String link,
        Map<String, String> fields) {

    public SearchDocument {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
