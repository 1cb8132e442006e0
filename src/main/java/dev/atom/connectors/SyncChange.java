package dev.atom.connectors;

import java.util.Objects;

/** One change a {@link SyncFeed} reports: an item is new or changed, or it was deleted or moved out of reach. */
public sealed interface SyncChange {

    String externalId();

    /** New or changed: the whole item as it is now. */
    record Upsert(SyncedItem item) implements SyncChange {
        public Upsert {
            Objects.requireNonNull(item, "item");
        }

        @Override
        public String externalId() {
            return item.externalId();
        }
    }

    /** Deleted upstream, or moved where Atom does not copy from: remove the local copy. */
    record Removed(String externalId) implements SyncChange {
        public Removed {
            Objects.requireNonNull(externalId, "externalId");
        }
    }
}
