package dev.atom.connectors;

import java.util.List;

/**
 * Who uses a workspace's connections: the workflow engine (and later the assistant) implements it, so the
 * connections API and page can say which workflows a broken connection stops, without depending on those
 * modules. Implementations are Spring beans; thread-safe.
 */
public interface ConnectionUsage {

    /**
     * Every use of the workspace's connections that {@code viewerId} may see: a private workflow of another
     * member (one that uses their private connections or personal keys) is not named to them.
     */
    List<Use> uses(String workspaceId, String viewerId);

    /** One thing that uses a connection: its kind ({@code workflow}), id and name. */
    record Use(String connectionId, String kind, String id, String name) {}
}
