package dev.atom.connectors;

import java.util.NoSuchElementException;

/**
 * The caller may not use the connection (another member's private one, or the caller left the workspace): for
 * everyone but the caller's own records it is as if the connection did not exist, so it is a {@link
 * NoSuchElementException}. The message says why, for a run's step error; routes answer a plain 404.
 */
public final class ConnectionNotUsable extends NoSuchElementException {

    public ConnectionNotUsable(String reason) {
        super(reason);
    }
}
