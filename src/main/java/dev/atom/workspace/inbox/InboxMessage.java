package dev.atom.workspace.inbox;

import dev.atom.connectors.SyncedMessage;
import java.util.List;

/**
 * A synced message as the inbox holds it: Atom's id for it, where it came from, the message as the connector
 * reported it, Atom's own archive mark, and the viewer's triage verdict ({@code importantBecause} is empty when
 * it is not important; computed for whoever reads it).
 */
record InboxMessage(
        String id,
        String workspaceId,
        String connectionId,
        String connectorId,
        String feedId,
        SyncedMessage message,
        boolean archived,
        List<String> importantBecause) {

    InboxMessage {
        importantBecause = importantBecause == null ? List.of() : List.copyOf(importantBecause);
    }

    boolean important() {
        return !importantBecause.isEmpty();
    }
}
