package dev.atom.workspace.calendar;

import dev.atom.connectors.SyncedEvent;
import dev.atom.workspace.search.SearchDocument;
import dev.atom.workspace.search.SearchSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Calendar events for search (type {@code event}): synced ones carry their connection (search shows them while it
 * is visible to the caller), local ones their owner. Thread-safe.
 */
@Component
class EventSearch implements SearchSource {
    static final String TYPE = "event";
    private final EventRepository events;
    private final LocalEventRepository local;

    EventSearch(EventRepository events, LocalEventRepository local) {
        this.events = events;
        this.local = local;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void forEach(Consumer<SearchDocument> sink) {
        events.forEach(row -> {
            if (!row.event().cancelled()) {
                sink.accept(document(row.id(), row.workspaceId(), row.connectionId(), row.event()));
            }
        });
        local.forEach(e -> sink.accept(document(e)));
    }

    static SearchDocument document(String id, String workspaceId, String connectionId, SyncedEvent e) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (e.organizer() != null) {
            fields.put("from", e.organizer());
        }
        if (!e.attendees().isEmpty()) {
            fields.put(
                    "to",
                    e.attendees().stream()
                            .map(a -> a.name() == null ? a.email() : a.name() + " <" + a.email() + ">")
                            .collect(Collectors.joining(", ")));
        }
        return new SearchDocument(
                TYPE,
                id,
                workspaceId,
                connectionId,
                null,
                e.title() == null ? "(no title)" : e.title(),
                join(e.description(), e.location()),
                e.calendarName() == null ? "Calendar" : e.calendarName(),
                e.start(),
                link(id, e.start()),
                fields);
    }

    static SearchDocument document(LocalEvent e) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (!e.attendees().isEmpty()) {
            fields.put("to", String.join(", ", e.attendees()));
        }
        return new SearchDocument(
                TYPE,
                e.id(),
                e.workspaceId(),
                null,
                e.ownerId(),
                e.title(),
                join(e.description(), e.location()),
                "Atom calendar",
                e.start(),
                link(e.id(), e.start()),
                fields);
    }

    static String link(String id, java.time.Instant start) {
        return "/calendar?date=" + (start == null ? "" : start.toString().substring(0, 10)) + "&event=" + id;
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b == null ? "" : b;
        }
        return b == null ? a : a + "\n" + b;
    }
}
