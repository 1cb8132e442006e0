package dev.atom.workspace.calendar;

import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedEvent;
import dev.atom.connectors.SyncedItem;
import dev.atom.workspace.search.SearchDocument;
import dev.atom.workspace.search.SearchDocumentsChanged;
import dev.atom.workspace.sync.SyncScope;
import dev.atom.workspace.sync.SyncStore;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Where the sync engine puts calendar events ({@link SyncedEvent}): one transaction per page, then {@link
 * SearchDocumentsChanged} for what changed. A series whose recurrence cannot be read is kept with the reason (the
 * calendar skips it and says why) rather than stopping the sync. Thread-safe.
 */
@Component
class EventStore implements SyncStore {
    private static final Logger log = LoggerFactory.getLogger(EventStore.class);
    private final EventRepository events;
    private final TransactionOperations transactions;
    private final ApplicationEventPublisher publisher;

    EventStore(EventRepository events, TransactionOperations transactions, ApplicationEventPublisher publisher) {
        this.events = events;
        this.transactions = transactions;
        this.publisher = publisher;
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedEvent.class;
    }

    @Override
    public void apply(SyncScope scope, List<SyncChange> changes, Instant syncedAt) {
        List<SearchDocument> upserted = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        // a removal followed by an upsert of the same item in one page replaces it (CalDAV: a changed object
        // drops its old overrides): the item keeps its Atom id
        java.util.Set<String> upserts = new java.util.HashSet<>();
        changes.forEach(c -> {
            if (c instanceof SyncChange.Upsert) {
                upserts.add(c.externalId());
            }
        });
        transactions.executeWithoutResult(tx -> {
            for (SyncChange change : changes) {
                switch (change) {
                    case SyncChange.Upsert(SyncedEvent e) -> {
                        String problem = problem(e);
                        if (problem != null) {
                            log.warn(
                                    "calendar event {} of connection {} is kept but not shown: {}",
                                    e.externalId(),
                                    scope.connectionId(),
                                    problem);
                        }
                        String id = events.upsert(
                                scope.workspaceId(), scope.connectionId(), scope.feedId(), e, problem, syncedAt);
                        if (e.cancelled()) {
                            removed.add(SearchDocumentsChanged.key(EventSearch.TYPE, id));
                        } else {
                            upserted.add(EventSearch.document(id, scope.workspaceId(), scope.connectionId(), e));
                        }
                    }
                    case SyncChange.Upsert u ->
                        throw new IllegalArgumentException("the calendar store takes SyncedEvent, not "
                                + u.item().getClass().getSimpleName());
                    case SyncChange.Removed r ->
                        events.remove(
                                        scope.workspaceId(),
                                        scope.connectionId(),
                                        scope.feedId(),
                                        r.externalId(),
                                        upserts.contains(r.externalId()))
                                .forEach(id -> removed.add(SearchDocumentsChanged.key(EventSearch.TYPE, id)));
                }
            }
        });
        publish(upserted, removed);
    }

    @Override
    public int sweep(SyncScope scope, Instant syncStartedAt) {
        List<String> ids = transactions.execute(
                tx -> events.sweep(scope.workspaceId(), scope.connectionId(), scope.feedId(), syncStartedAt));
        publish(List.of(), keys(ids));
        return ids.size();
    }

    @Override
    public int removeConnection(String workspaceId, String connectionId) {
        List<String> ids = transactions.execute(tx -> events.removeConnection(workspaceId, connectionId));
        publish(List.of(), keys(ids));
        return ids.size();
    }

    @Override
    public long count(SyncScope scope) {
        return events.count(scope.workspaceId(), scope.connectionId(), scope.feedId());
    }

    /** Why a series cannot be shown, or null. */
    static String problem(SyncedEvent e) {
        if (e.start() == null || e.end() == null) {
            return "the event has no start or end";
        }
        if (e.recurrence().isEmpty()) {
            return null;
        }
        Temporal start = e.allDay() && e.startDate() != null ? e.startDate() : e.start();
        Temporal end = e.allDay() && e.endDate() != null ? e.endDate() : e.end();
        return Recurrences.problem(start, end, e.timeZone(), e.recurrence());
    }

    private void publish(List<SearchDocument> upserted, List<String> removed) {
        if (!upserted.isEmpty() || !removed.isEmpty()) {
            publisher.publishEvent(new SearchDocumentsChanged(upserted, removed));
        }
    }

    private static List<String> keys(List<String> ids) {
        return ids == null
                ? List.of()
                : ids.stream()
                        .map(id -> SearchDocumentsChanged.key(EventSearch.TYPE, id))
                        .toList();
    }
}
