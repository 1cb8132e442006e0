package dev.atom.workspace.search;

import java.util.List;

/**
 * Published (a Spring application event, after the change is committed) by whoever changes searchable items, so
 * each instance's index follows: {@code upserted} replace documents with the same type and id, {@code removed} are
 * {@code type:id} keys to drop. An instance that misses events (it was down, or another instance wrote) catches up
 * when it finds its index stale.
 */
public record SearchDocumentsChanged(List<SearchDocument> upserted, List<String> removed) {

    public SearchDocumentsChanged {
        upserted = List.copyOf(upserted);
        removed = List.copyOf(removed);
    }

    public static String key(String type, String id) {
        return type + ":" + id;
    }
}
