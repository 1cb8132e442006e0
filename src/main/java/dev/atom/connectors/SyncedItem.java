package dev.atom.connectors;

/**
 * An item copied from a service: {@link SyncedEvent}, {@link SyncedMessage}, {@link SyncedFile} or {@link
 * SyncedWorkItem} (a record per kind; the workspace keeps one store per kind).
 */
public interface SyncedItem {

    /** The service's id of the item, unique within its feed and stable across changes. */
    String externalId();
}
