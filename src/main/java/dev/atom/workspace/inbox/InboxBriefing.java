package dev.atom.workspace.inbox;

import dev.atom.connectors.Connectors;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What the daily briefing asks of the inbox: a viewer's important unread messages, newest first, from the
 * connections they may see (their private ones and shared ones), not archived or snoozed. Thread-safe.
 */
@Component
public class InboxBriefing {
    private final InboxRepository messages;
    private final Connectors connectors;
    private final Clock clock;

    InboxBriefing(InboxRepository messages, Connectors connectors, Clock clock) {
        this.messages = messages;
        this.connectors = connectors;
        this.clock = clock;
    }

    /** Whether {@code userId} may read any message source (mail or chat connection: theirs, or shared). */
    public boolean hasSources(String workspaceId, String userId) {
        return connectors.connections(new Connectors.Caller(workspaceId, userId)).stream()
                .anyMatch(c -> InboxSources.LABELS.containsKey(c.connector()));
    }

    /** One message as the briefing lists it; {@code link} opens it in Atom's inbox. */
    public record Item(
            String id,
            String connector,
            String kind,
            String from,
            String fromName,
            String subject,
            String snippet,
            Instant receivedAt,
            List<String> importantBecause,
            String link) {}

    /** At most {@code limit} (1-50) important unread messages of {@code userId} in {@code workspaceId}. */
    public List<Item> importantUnread(String workspaceId, String userId, int limit) {
        var query = new InboxQuery(null, null, true, true, null, null, Math.clamp(limit, 1, 50));
        return messages.list(workspaceId, userId, query, clock.instant()).items().stream()
                .map(m -> new Item(
                        m.id(),
                        m.connectorId(),
                        m.message().kind(),
                        m.message().from(),
                        m.message().fromName(),
                        m.message().subject(),
                        m.message().snippet(),
                        m.message().receivedAt(),
                        m.importantBecause(),
                        "/inbox?open=" + m.id()))
                .toList();
    }
}
