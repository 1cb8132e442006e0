package dev.atom.workspace.worktasks;

import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedItem;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.workspace.sync.SyncScope;
import dev.atom.workspace.sync.SyncStore;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Where the sync engine puts {@link SyncedWorkItem}s; search hears of every change once it is committed
 * ({@link WorkItemSearch#publish}). Thread-safe.
 */
@Component
class WorkItemStore implements SyncStore {
    private final WorkItemRepository items;
    private final WorkItemSearch search;

    WorkItemStore(WorkItemRepository items, WorkItemSearch search) {
        this.items = items;
        this.search = search;
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedWorkItem.class;
    }

    @Override
    public void apply(SyncScope scope, List<SyncChange> changes, Instant syncedAt) {
        for (SyncChange change : changes) {
            if (change instanceof SyncChange.Upsert u && !(u.item() instanceof SyncedWorkItem)) {
                throw new IllegalArgumentException("the work item store takes SyncedWorkItem, not "
                        + u.item().getClass().getSimpleName());
            }
        }
        WorkItemRepository.Changed changed = items.apply(scope, changes, syncedAt);
        search.publish(changed.upserted(), changed.removed());
    }

    @Override
    public int sweep(SyncScope scope, Instant syncStartedAt) {
        List<WorkItemRepository.Removed> removed = items.sweep(scope, syncStartedAt);
        search.publish(List.of(), removed);
        return removed.size();
    }

    @Override
    public int removeConnection(String workspaceId, String connectionId) {
        List<WorkItemRepository.Removed> removed = items.removeConnection(workspaceId, connectionId);
        search.publish(List.of(), removed);
        return removed.size();
    }

    @Override
    public long count(SyncScope scope) {
        return items.count(scope);
    }
}
