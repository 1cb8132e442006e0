package dev.atom.connectors.internal;

import dev.atom.connectors.ConnectionUsage;
import dev.atom.shared.time.Timestamps;
import java.util.List;

/**
 * A connection as the API shows it: never a credential, only what the user needs to see. {@code owner} is the
 * user id of whoever made it; {@code usable} is false for another member's private connection an admin sees
 * only to remove it, and then nothing of its data (account, status reason, users) is shown.
 */
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
        List<UsedBy> usedBy,
        String visibility,
        String owner,
        boolean usable,
        HealthForecasts.View health) {

    /**
     * The same with its credential health (state ok, attention, needs_reconnect or error; the forecast end of
     * its sign-in; the next scheduled check), for a viewer who may use it; others see none of it.
     */
    ConnectionJson withHealth(HealthForecasts.View view) {
        if (!usable || view == null) {
            return this;
        }
        return new ConnectionJson(
                id,
                connector,
                name,
                status,
                statusReason,
                account,
                createdBy,
                createdAt,
                lastCheckedAt,
                auth,
                usedBy,
                visibility,
                owner,
                usable,
                view);
    }

    /** Whether its sign-in ends soon (the page offers a reconnect before it breaks). */
    public boolean attention() {
        return health != null && HealthForecasts.ATTENTION.equals(health.state());
    }

    /** A workflow (or another user) of the connection, to list when it needs reconnecting. */
    record UsedBy(String kind, String id, String name) {}

    static ConnectionJson of(Connection c) {
        return of(c, List.of());
    }

    /** As {@code viewer} may see it: the whole of it when they may use it, else only that it exists. */
    static ConnectionJson of(Connection c, List<ConnectionUsage.Use> uses, String viewer) {
        if (c.usableBy(viewer)) {
            return of(c, uses);
        }
        return new ConnectionJson(
                c.id(),
                c.connector(),
                c.name(),
                c.status().wire(),
                null,
                null,
                c.createdBy(),
                Timestamps.format(c.createdAt()),
                null,
                c.authKind(),
                List.of(),
                c.visibility(),
                c.createdBy(),
                false,
                null);
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
                        .toList(),
                c.visibility(),
                c.createdBy(),
                true,
                null);
    }
}
