package dev.atom.connectors.internal;

import dev.atom.shared.time.Timestamps;

/** A connection as the API shows it: never a credential, only what the user needs to see. */
record ConnectionJson(
        String id,
        String connector,
        String name,
        String status,
        String statusReason,
        String account,
        String createdBy,
        String createdAt,
        String lastCheckedAt,
        String auth) {

    static ConnectionJson of(Connection c) {
        return new ConnectionJson(
                c.id(),
                c.connector(),
                c.name(),
                c.status().wire(),
                c.statusReason(),
                c.account(),
                c.createdBy(),
                Timestamps.format(c.createdAt()),
                Timestamps.format(c.lastCheckedAt()),
                c.authKind());
    }
}
