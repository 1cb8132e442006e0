package dev.atom.workspace.sync;

import dev.atom.connectors.SyncedItem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every {@link SyncStore} bean, by the item record it keeps. Immutable after construction. */
@Component
class SyncStores {
    private final Map<Class<? extends SyncedItem>, SyncStore> byType;

    SyncStores(List<SyncStore> stores) {
        this.byType = stores.stream().collect(Collectors.toUnmodifiableMap(SyncStore::itemType, Function.identity()));
    }

    Optional<SyncStore> of(Class<? extends SyncedItem> type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** Deletes everything synced from the connection, in every store; returns how many rows. */
    int removeConnection(String workspaceId, String connectionId) {
        return byType.values().stream()
                .mapToInt(s -> s.removeConnection(workspaceId, connectionId))
                .sum();
    }
}
