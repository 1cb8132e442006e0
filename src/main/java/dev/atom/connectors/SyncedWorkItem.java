package dev.atom.connectors;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An issue, task, card or page from a work tracker (GitHub, Jira, Asana, Trello, Notion...).
 *
 * @param kind {@code issue}, {@code task}, {@code card} or {@code page}
 * @param container the project, repository, board or database it belongs to (a name people recognise)
 * @param status the service's own status name ("In Progress", "open")
 * @param done true when the service counts it as finished (closed, completed, Done category)
 * @param assignedToMe assigned to the connected account (tasks from every app show these)
 * @param body the description as plain text, capped by the connector; may be null
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
        Instant updatedAt)
        implements SyncedItem {}
