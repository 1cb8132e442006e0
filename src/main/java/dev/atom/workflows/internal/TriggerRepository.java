package dev.atom.workflows.internal;

import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * workflow_triggers: each published workflow's switched-on trigger. Reads for users filter by workspace_id;
 * the scheduler's and poller's methods work across workspaces and take a slot or a poll with a compare-and-set
 * UPDATE on next_fire_at, so of several instances exactly one wins each. Stateless.
 */
@Repository
class TriggerRepository {
    private static final String COLUMNS = "workflow_id, workspace_id, kind, trigger_key, active, next_fire_at,"
            + " cursor, poll_seq, connection_id, expect_seconds, armed_at, last_polled_at, last_error,"
            + " last_error_at, failures, secret_id";
    private final JdbcClient jdbc;

    TriggerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Switches a workflow's trigger on (inserting its row or replacing the trigger of an earlier version). The
     * cursor survives when the trigger is the same one (same key); errors and failures start afresh.
     */
    void arm(TriggerState t) {
        jdbc.sql("INSERT INTO workflow_triggers (workflow_id, workspace_id, kind, trigger_key, active, next_fire_at,"
                        + " connection_id, expect_seconds, armed_at) VALUES (:id, :ws, :kind, :key, 1, :next,"
                        + " :connection, :expect, :at) ON CONFLICT (workflow_id) DO UPDATE SET kind = excluded.kind,"
                        + " trigger_key = excluded.trigger_key, active = 1, next_fire_at = excluded.next_fire_at,"
                        + " connection_id = excluded.connection_id, expect_seconds = excluded.expect_seconds,"
                        + " armed_at = excluded.armed_at, failures = 0, last_error = NULL, last_error_at = NULL,"
                        + " cursor = CASE WHEN workflow_triggers.trigger_key = excluded.trigger_key"
                        + " THEN workflow_triggers.cursor ELSE NULL END")
                .param("id", t.workflowId())
                .param("ws", t.workspaceId())
                .param("kind", t.kind())
                .param("key", t.triggerKey())
                .param("next", Timestamps.format(t.nextFireAt()))
                .param("connection", t.connectionId())
                .param("expect", t.expectSeconds())
                .param("at", Timestamps.format(t.armedAt()))
                .update();
    }

    /** Switches the trigger off; its cursor and secret stay for when it is switched on again. */
    boolean disarm(String workspaceId, String workflowId) {
        return jdbc.sql("UPDATE workflow_triggers SET active = 0, next_fire_at = NULL"
                                + " WHERE workflow_id = :id AND workspace_id = :ws")
                        .param("id", workflowId)
                        .param("ws", workspaceId)
                        .update()
                > 0;
    }

    boolean delete(String workspaceId, String workflowId) {
        return jdbc.sql("DELETE FROM workflow_triggers WHERE workflow_id = :id AND workspace_id = :ws")
                        .param("id", workflowId)
                        .param("ws", workspaceId)
                        .update()
                > 0;
    }

    Optional<TriggerState> find(String workspaceId, String workflowId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workflow_triggers WHERE workflow_id = :id AND workspace_id = :ws")
                .param("id", workflowId)
                .param("ws", workspaceId)
                .query(TriggerRepository::row)
                .optional();
    }

    /** Switched-on triggers of {@code kind} whose next slot or poll is at or before {@code now}, earliest first. */
    List<TriggerState> due(String kind, Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workflow_triggers WHERE active = 1 AND kind = :kind"
                        + " AND next_fire_at <= :now ORDER BY next_fire_at LIMIT :limit")
                .param("kind", kind)
                .param("now", Timestamps.format(now))
                .param("limit", limit)
                .query(TriggerRepository::row)
                .list();
    }

    /**
     * Takes the slot (or poll) {@code expected} by moving next_fire_at on to {@code next}: true for exactly one
     * caller of all that saw {@code expected}, false for the others (the row changed under them).
     */
    boolean advance(String workflowId, Instant expected, Instant next) {
        return jdbc.sql("UPDATE workflow_triggers SET next_fire_at = :next"
                                + " WHERE workflow_id = :id AND active = 1 AND next_fire_at = :expected")
                        .param("next", Timestamps.format(next))
                        .param("id", workflowId)
                        .param("expected", Timestamps.format(expected))
                        .update()
                > 0;
    }

    /**
     * Stores a successful poll's cursor, unless another poll stored one since this poll read {@code seq}
     * (then false, and the caller's transaction must roll back).
     */
    boolean savePoll(String workflowId, long seq, String cursor, Instant at) {
        return jdbc.sql("UPDATE workflow_triggers SET cursor = :cursor, poll_seq = poll_seq + 1,"
                                + " last_polled_at = :at, failures = 0, last_error = NULL, last_error_at = NULL"
                                + " WHERE workflow_id = :id AND poll_seq = :seq")
                        .param("cursor", cursor)
                        .param("at", Timestamps.format(at))
                        .param("id", workflowId)
                        .param("seq", seq)
                        .update()
                > 0;
    }

    /** Records a failed poll; returns how many polls have now failed in a row. */
    int pollFailed(String workflowId, String error, Instant at) {
        jdbc.sql("UPDATE workflow_triggers SET failures = failures + 1, last_error = :error, last_error_at = :at,"
                        + " last_polled_at = :at WHERE workflow_id = :id")
                .param("error", error)
                .param("at", Timestamps.format(at))
                .param("id", workflowId)
                .update();
        return jdbc.sql("SELECT failures FROM workflow_triggers WHERE workflow_id = :id")
                .param("id", workflowId)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    /** Switched-on triggers that declare how often they should fire, across workspaces (the watchdog's). */
    List<TriggerState> expecting() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workflow_triggers WHERE active = 1 AND expect_seconds IS NOT NULL")
                .query(TriggerRepository::row)
                .list();
    }

    /** The workspace's switched-on triggers on a connection. */
    List<TriggerState> onConnection(String workspaceId, String connectionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workflow_triggers WHERE workspace_id = :ws"
                        + " AND connection_id = :connection AND active = 1")
                .param("ws", workspaceId)
                .param("connection", connectionId)
                .query(TriggerRepository::row)
                .list();
    }

    void setSecret(String workspaceId, String workflowId, String secretId) {
        jdbc.sql("UPDATE workflow_triggers SET secret_id = :secret WHERE workflow_id = :id AND workspace_id = :ws")
                .param("secret", secretId)
                .param("id", workflowId)
                .param("ws", workspaceId)
                .update();
    }

    /** When the workflow's latest run was created, or null when it never ran. */
    Instant lastRunAt(String workspaceId, String workflowId) {
        List<String> latest = jdbc.sql(
                        "SELECT MAX(created_at) FROM workflow_runs WHERE workflow_id = :id AND workspace_id = :ws")
                .param("id", workflowId)
                .param("ws", workspaceId)
                .query((rs, n) -> rs.getString(1))
                .list();
        return latest.isEmpty() ? null : Timestamps.parse(latest.getFirst());
    }

    private static TriggerState row(ResultSet rs, int n) throws SQLException {
        long expect = rs.getLong("expect_seconds");
        Long expectSeconds = rs.wasNull() ? null : expect;
        return new TriggerState(
                rs.getString("workflow_id"),
                rs.getString("workspace_id"),
                rs.getString("kind"),
                rs.getString("trigger_key"),
                rs.getInt("active") == 1,
                Timestamps.parse(rs.getString("next_fire_at")),
                rs.getString("cursor"),
                rs.getLong("poll_seq"),
                rs.getString("connection_id"),
                expectSeconds,
                Timestamps.parse(rs.getString("armed_at")),
                Timestamps.parse(rs.getString("last_polled_at")),
                rs.getString("last_error"),
                Timestamps.parse(rs.getString("last_error_at")),
                rs.getInt("failures"),
                rs.getString("secret_id"));
    }
}
