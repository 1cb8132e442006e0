package dev.atom.workspace.worktasks;

import dev.atom.workspace.search.SearchDocument;
import dev.atom.workspace.search.SearchDocumentsChanged;
import dev.atom.workspace.search.SearchSource;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Synced work items as search documents of types {@code issue} (GitHub, Jira), {@code task} (Asana tasks, Trello
 * cards) and {@code page} (Notion items), each visible while its connection is ({@code connectionId}); and the
 * {@link SearchDocumentsChanged} events after each committed change. The link is the item in its service.
 * Thread-safe.
 */
@Component
class WorkItemSearch implements SearchSource {
    private final WorkItemRepository items;
    private final ApplicationEventPublisher events;

    WorkItemSearch(WorkItemRepository items, ApplicationEventPublisher events) {
        this.items = items;
        this.events = events;
    }

    @Override
    public String type() {
        return "issue,task,page";
    }

    @Override
    public void forEach(Consumer<SearchDocument> sink) {
        items.forEach(w -> sink.accept(document(w)));
    }

    static SearchDocument document(WorkItem w) {
        var item = w.item();
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "container", item.container());
        put(fields, "status", item.status());
        put(fields, "connector", w.connector());
        return new SearchDocument(
                w.searchType(),
                w.id(),
                w.workspaceId(),
                w.connectionId(),
                null,
                item.title(),
                item.body(),
                w.connectionName(),
                item.dueDate() != null ? item.dueDate().atStartOfDay().toInstant(ZoneOffset.UTC) : item.updatedAt(),
                item.link() != null ? item.link() : "/tasks?source=" + w.connector(),
                fields);
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(name, value);
        }
    }

    /** Tells search, after the surrounding transaction commits (at once when there is none). */
    void publish(List<WorkItem> upserted, List<WorkItemRepository.Removed> removed) {
        if (upserted.isEmpty() && removed.isEmpty()) {
            return;
        }
        SearchDocumentsChanged event = new SearchDocumentsChanged(
                upserted.stream().map(WorkItemSearch::document).toList(),
                removed.stream()
                        .map(r -> SearchDocumentsChanged.key(type(r.kind()), r.id()))
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

    private static String type(String kind) {
        return switch (kind) {
            case "issue", "page" -> kind;
            default -> "task";
        };
    }
}
