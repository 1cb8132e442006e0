package dev.atom.workspace.sync;

/**
 * The one rule for who sees synced data inside a workspace, as SQL the workspace's repositories apply: a row synced
 * from a connection is visible to a member while that connection is shared, or is theirs (private connections are
 * their owner's alone; admins included). Use it joined on the row's connection, binding {@code :viewer} to the
 * caller's user id: {@code JOIN connections c ON c.id = m.connection_id AND c.workspace_id = m.workspace_id WHERE
 * ... AND } {@link #CONDITION}.
 */
public final class VisibleConnections {

    /** True for connections the {@code :viewer} may read through; {@code c} is the connections row. */
    public static final String CONDITION = "(c.visibility = 'shared' OR c.created_by = :viewer)";

    private VisibleConnections() {}
}
