package dev.atom.workspace.search;

import java.util.Collection;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A kind of item search covers (tasks, events, messages, files, work items, workflows, runs): one Spring bean per
 * {@link #type()}, written by the feature that owns the items. The index asks it for everything when it rebuilds;
 * afterwards the owner publishes {@link SearchDocumentsChanged} after each commit that changes its items.
 * Thread-safe.
 */
public interface SearchSource {

    /** The {@link SearchDocument#type()} (or types) this source produces, e.g. {@code message}. */
    String type();

    /** Every document of every workspace, streamed (the index rebuilds from this; must not load all at once). */
    void forEach(Consumer<SearchDocument> sink);

    /**
     * Of these ids of this source's hits in one workspace, those {@code userId} may not see after all. For items
     * whose visibility can change without a change of the item itself (a workflow turns private when a connection
     * it uses does): the index filters first, this checks the page again. Default: none.
     */
    default Set<String> hiddenFrom(String workspaceId, String userId, Collection<String> ids) {
        return Set.of();
    }
}
