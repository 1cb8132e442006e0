package dev.atom.workspace.inbox;

import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedItem;
import dev.atom.connectors.SyncedMessage;
import dev.atom.workspace.search.SearchDocument;
import dev.atom.workspace.search.SearchDocumentsChanged;
import dev.atom.workspace.sync.SyncScope;
import dev.atom.workspace.sync.SyncStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The inbox's {@link SyncStore}: mail and chat messages from every feed whose items are {@link SyncedMessage}s.
 * A page applies in one transaction; the connection owner's own messages teach triage whom they write to; search
 * hears of the changes after the commit. Thread-safe.
 */
@Component
class InboxStore implements SyncStore {
    private final InboxRepository messages;
    private final TriageRepository triage;
    private final TransactionOperations transactions;
    private final ApplicationEventPublisher events;

    InboxStore(
            InboxRepository messages,
            TriageRepository triage,
            TransactionOperations transactions,
            ApplicationEventPublisher events) {
        this.messages = messages;
        this.triage = triage;
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedMessage.class;
    }

    @Override
    public void apply(SyncScope scope, List<SyncChange> changes, Instant syncedAt) {
        List<SearchDocument> upserted = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        transactions.executeWithoutResult(tx -> {
            Optional<String> owner = messages.connectionOwner(scope.workspaceId(), scope.connectionId());
            for (SyncChange change : changes) {
                switch (change) {
                    case SyncChange.Upsert(SyncedMessage m) -> {
                        String id = messages.upsert(scope, m, syncedAt);
                        upserted.add(MessageSearchSource.document(
                                id, scope.workspaceId(), scope.connectionId(), scope.connectorId(), m));
                        if (m.fromMe() && owner.isPresent()) {
                            Set<String> people = new LinkedHashSet<>(m.to());
                            people.addAll(m.cc());
                            triage.addContacts(
                                    scope.workspaceId(),
                                    owner.get(),
                                    scope.connectionId(),
                                    people,
                                    "wrote",
                                    m.receivedAt() == null ? syncedAt : m.receivedAt());
                        }
                    }
                    case SyncChange.Upsert u ->
                        throw new IllegalArgumentException("the inbox stores SyncedMessage, not "
                                + u.item().getClass().getSimpleName());
                    case SyncChange.Removed r ->
                        messages.remove(scope, r.externalId()).ifPresent(removed::add);
                }
            }
        });
        publish(upserted, removed);
    }

    @Override
    public int sweep(SyncScope scope, Instant syncStartedAt) {
        List<String> ids = transactions.execute(tx -> messages.sweep(scope, syncStartedAt));
        publish(List.of(), ids);
        return ids.size();
    }

    @Override
    public int removeConnection(String workspaceId, String connectionId) {
        List<String> ids = transactions.execute(tx -> messages.removeConnection(workspaceId, connectionId));
        publish(List.of(), ids);
        return ids.size();
    }

    @Override
    public long count(SyncScope scope) {
        return messages.count(scope);
    }

    /** After the surrounding transaction commits when there is one (the engine's), else at once. */
    private void publish(List<SearchDocument> upserted, List<String> removedIds) {
        if (upserted.isEmpty() && removedIds.isEmpty()) {
            return;
        }
        var event = new SearchDocumentsChanged(
                upserted,
                removedIds.stream()
                        .map(id -> SearchDocumentsChanged.key(MessageSearchSource.TYPE, id))
                        .toList());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    events.publishEvent(event);
                }
            });
        } else {
            events.publishEvent(event);
        }
    }
}
