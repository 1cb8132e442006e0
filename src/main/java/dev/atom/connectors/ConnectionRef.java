package dev.atom.connectors;

/** The connection an action runs on: its id, workspace, connector and display name. */
public record ConnectionRef(String id, String workspaceId, String connectorId, String name) {}
