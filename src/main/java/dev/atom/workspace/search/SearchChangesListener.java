package dev.atom.workspace.search;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Hands committed changes to the indexer's queue (after the publisher's commit when it published inside a
 * transaction; at once otherwise). Never blocks the publisher.
 */
@Component
class SearchChangesListener {
    private final SearchIndexer indexer;

    SearchChangesListener(SearchIndexer indexer) {
        this.indexer = indexer;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(SearchDocumentsChanged event) {
        indexer.enqueue(event);
    }
}
