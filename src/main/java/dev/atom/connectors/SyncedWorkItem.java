package dev.atom.connectors;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * An issue, task, card or page from a work tracker (GitHub, Jira, Asana, Trello, Notion...).
 *
 * @param kind {@code issue}, {@code task}, {@code card} or {@code page}
 * @param container the project, repository, board or database it belongs to (a name people recognise)
 * @param status the service's own status name ("In Progress", "open")
 * @param done true when the service counts it as finished (closed, completed, Done category)
 * @param assignedToMe assigned to the connected account (tasks from every app show these)
 * @param body the description as plain text, capped by the connector; may be null
 * @param refs what writing back needs beyond {@code externalId}, by name (GitHub's {@code owner}, {@code repo},
 *     {@code number}; Notion's {@code statusProperty}, {@code dateProperty}); empty when nothing more is needed
 */
public record SyncedWorkItem(
        String externalId,
        String kind,
        String title,
        String container,
        String status,
        boolean done,
        LocalDate dueDate,
        boolean assignedToMe,
        String body,
        String link,
        Instant updatedAt,
        Map<String, String> refs)
        implements SyncedItem {

    /** The longest body a connector keeps (search indexes it; the rest stays at the service). */
    public static final int MAX_BODY = 8_000;

    public SyncedWorkItem {
        refs = refs == null ? Map.of() : Map.copyOf(refs);
        if (body != null && body.length() > MAX_BODY) {
            body = body.substring(0, MAX_BODY);
        }
    }
}
