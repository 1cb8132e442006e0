package dev.atom.workspace.sync;

import dev.atom.shared.time.Timestamps;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which instance syncs a connection now ({@code sync_leases}). A claim is one compare-and-set statement (insert,
 * or take over an expired lease), so when several instances share PostgreSQL exactly one wins; the holder renews
 * it page by page and deletes it at the end. Thread-safe (stateless).
 */
@Repository
class SyncLeaseRepository {
    private final JdbcClient jdbc;

    SyncLeaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the connection for {@code owner} until {@code until}; false while another holds a live lease. */
    boolean claim(String workspaceId, String connectionId, String owner, Instant now, Instant until) {
        return jdbc.sql("""
                        INSERT INTO sync_leases (connection_id, workspace_id, lease_owner, lease_until)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT (connection_id) DO UPDATE
                        SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
                        WHERE sync_leases.lease_until <= ?""")
                        .params(connectionId, workspaceId, owner, Timestamps.format(until), Timestamps.format(now))
                        .update()
                > 0;
    }

    /** Extends a held lease; false when it is no longer {@code owner}'s (it expired and was taken). */
    boolean renew(String connectionId, String owner, Instant until) {
        return jdbc.sql("UPDATE sync_leases SET lease_until = ? WHERE connection_id = ? AND lease_owner = ?")
                        .params(Timestamps.format(until), connectionId, owner)
                        .update()
                > 0;
    }

    /** Gives the connection up if {@code owner} still holds it. */
    boolean release(String connectionId, String owner) {
        return jdbc.sql("DELETE FROM sync_leases WHERE connection_id = ? AND lease_owner = ?")
                        .params(connectionId, owner)
                        .update()
                > 0;
    }
}
