package dev.atom.connectors.internal;

import dev.atom.connectors.TriggerDeliveries;
import dev.atom.shared.time.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Seen trigger deliveries in the database: the primary key makes "first time" atomic across instances
 * (INSERT ... ON CONFLICT DO NOTHING works the same in SQLite and PostgreSQL). Thread-safe (stateless).
 */
@Repository
class TriggerDeliveryRepository implements TriggerDeliveries {
    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final Clock clock;

    TriggerDeliveryRepository(JdbcClient jdbc, TransactionOperations transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public boolean firstTime(String workspaceId, String source, String key, Duration keepFor) {
        Instant now = clock.instant();
        Boolean first = transactions.execute(tx -> {
            // an entry older than keepFor is forgotten, so the key counts as new again
            jdbc.sql("DELETE FROM trigger_deliveries WHERE workspace_id = :ws AND source = :source"
                            + " AND delivery_key = :key AND received_at < :cutoff")
                    .param("ws", workspaceId)
                    .param("source", source)
                    .param("key", key)
                    .param("cutoff", Timestamps.format(now.minus(keepFor)))
                    .update();
            return jdbc.sql("INSERT INTO trigger_deliveries (workspace_id, source, delivery_key, received_at)"
                                    + " VALUES (:ws, :source, :key, :at) ON CONFLICT DO NOTHING")
                            .param("ws", workspaceId)
                            .param("source", source)
                            .param("key", key)
                            .param("at", Timestamps.format(now))
                            .update()
                    == 1;
        });
        return Boolean.TRUE.equals(first);
    }

    /** Deletes every delivery received before {@code cutoff}; returns how many. */
    int purgeBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM trigger_deliveries WHERE received_at < :cutoff")
                .param("cutoff", Timestamps.format(cutoff))
                .update();
    }
}
