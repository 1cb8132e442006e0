package dev.atom.workspace.inbox;

import dev.atom.connectors.SyncedMessage;
import dev.atom.workspace.search.SearchDocument;
import dev.atom.workspace.search.SearchSource;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/** Synced mail and chat messages for search ({@code message}); who sees a hit follows its connection. */
@Component
class MessageSearchSource implements SearchSource {
    static final String TYPE = "message";
    private final InboxRepository messages;

    MessageSearchSource(InboxRepository messages) {
        this.messages = messages;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void forEach(Consumer<SearchDocument> sink) {
        messages.forEach(
                m -> sink.accept(document(m.id(), m.workspaceId(), m.connectionId(), m.connectorId(), m.message())));
    }

    static SearchDocument document(
            String id, String workspaceId, String connectionId, String connectorId, SyncedMessage m) {
        Map<String, String> fields = new HashMap<>();
        if (m.from() != null) {
            fields.put("from", m.fromName() == null ? m.from() : m.fromName() + " <" + m.from() + ">");
        }
        if (!m.to().isEmpty()) {
            fields.put("to", String.join(", ", m.to()));
        }
        fields.put("kind", m.kind());
        String title = m.subject() != null && !m.subject().isBlank() ? m.subject() : m.snippet();
        return new SearchDocument(
                TYPE,
                id,
                workspaceId,
                connectionId,
                null,
                title == null ? "" : title,
                m.bodyText() == null ? m.snippet() : m.bodyText(),
                InboxSources.label(connectorId),
                m.receivedAt(),
                "/inbox?open=" + id,
                fields);
    }
}
