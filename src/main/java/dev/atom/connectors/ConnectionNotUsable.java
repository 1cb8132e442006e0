package dev.atom.connectors;

/**
 * The caller may not use the connection (another member's private one, or the caller left the workspace): for
 * everyone but the caller's own records it is as if the connection did not exist, so it is an {@link
 * UnknownReference} to a connection. The message says why, for a run's step error; routes answer a plain 404.
 */
public final class ConnectionNotUsable extends UnknownReference {

    public ConnectionNotUsable(String reason) {
        super(Kind.CONNECTION, reason);
    }
}
