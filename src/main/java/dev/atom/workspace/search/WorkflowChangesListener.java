package dev.atom.workspace.search;

import dev.atom.workflows.WorkflowItemsChanged;
import dev.atom.workflows.WorkflowSearchItems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns committed workflow and run changes into index changes. The listener only queues the ids (it runs on the
 * engine's threads, right after their commits); the indexer's thread reads the items, and an id no longer found
 * was deleted.
 */
@Component
class WorkflowChangesListener {
    private final SearchIndexer indexer;
    private final WorkflowSearchItems items;

    WorkflowChangesListener(SearchIndexer indexer, WorkflowSearchItems items) {
        this.indexer = indexer;
        this.items = items;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(WorkflowItemsChanged event) {
        indexer.enqueueLater(() -> resolve(event));
    }

    SearchDocumentsChanged resolve(WorkflowItemsChanged event) {
        List<SearchDocument> upserted = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Set<String> found = new HashSet<>();
        for (var w : items.workflows(event.workspaceId(), event.workflowIds())) {
            upserted.add(WorkflowSearchSources.document(w));
            found.add(w.id());
            // a run's title is its workflow's name, and it is private when its workflow is
            items.runsOf(event.workspaceId(), w.id()).forEach(r -> upserted.add(WorkflowSearchSources.document(r)));
        }
        for (String id : event.workflowIds()) {
            if (!found.contains(id)) {
                removed.add(SearchDocumentsChanged.key(WorkflowSearchSources.WORKFLOW, id));
            }
        }
        found.clear();
        for (var r : items.runs(event.workspaceId(), event.runIds())) {
            upserted.add(WorkflowSearchSources.document(r));
            found.add(r.id());
        }
        for (String id : event.runIds()) {
            if (!found.contains(id)) {
                removed.add(SearchDocumentsChanged.key(WorkflowSearchSources.RUN, id));
            }
        }
        return new SearchDocumentsChanged(upserted, removed);
    }
}
