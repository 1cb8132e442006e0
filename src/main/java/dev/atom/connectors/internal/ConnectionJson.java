package dev.atom.connectors.internal;

import dev.atom.connectors.ConnectionUsage;
import dev.atom.shared.time.Timestamps;
import java.util.List;

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
        String auth,
        List<UsedBy> usedBy) {

    /** A workflow (or another user) of the connection, to list when it needs reconnecting. */
    record UsedBy(String kind, String id, String name) {}

    static ConnectionJson of(Connection c) {
        return of(c, List.of());
    }

    static ConnectionJson of(Connection c, List<ConnectionUsage.Use> uses) {
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
                c.authKind(),
                uses.stream()
                        .filter(u -> u.connectionId().equals(c.id()))
                        .map(u -> new UsedBy(u.kind(), u.id(), u.name()))
                        .toList());
    }
}
