package dev.atom.workspace.worktasks;

import dev.atom.connectors.SyncedWorkItem;
import java.time.Instant;

/**
 * A synced work item as Atom keeps it: Atom's id (stable across syncs), where it came from, and the item as the
 * connector last reported it (or as Atom changed it by writing through).
 *
 * @param connectionName the connection's display name, for the source badge
 */
public record WorkItem(
        String id,
        String workspaceId,
        String connectionId,
        String connectionName,
        String connector,
        String feed,
        SyncedWorkItem item,
        Instant syncedAt) {

    /** The search type: {@code issue}, {@code page}, or {@code task} for tasks and cards. */
    public String searchType() {
        return switch (item.kind()) {
            case "issue", "page" -> item.kind();
            default -> "task";
        };
    }
}
