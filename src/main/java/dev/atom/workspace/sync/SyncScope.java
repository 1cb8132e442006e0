package dev.atom.workspace.sync;

/** Which feed of which connection a sync page belongs to. */
public record SyncScope(String workspaceId, String connectionId, String connectorId, String feedId) {}
