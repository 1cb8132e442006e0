package dev.atom.workspace.inbox;

/**
 * One page of the inbox list: filters (each null when not given) and where the page starts.
 *
 * @param connectorId only messages of this connector ({@code gmail}, {@code slack}...)
 * @param connectionId only messages of this connection
 * @param text words the subject, sender or snippet contain
 */
record InboxQuery(
        String connectorId,
        String connectionId,
        Boolean unread,
        Boolean important,
        String text,
        InboxCursor after,
        int limit) {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    static InboxQuery firstPage(int limit) {
        return new InboxQuery(null, null, null, null, null, null, limit);
    }
}
