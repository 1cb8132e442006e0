package dev.atom.workflows.internal;

import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The steps of runs: the run's durable state, one row per step id, updated in place; and the history of
 * steps that took more than one attempt ({@code workflow_step_attempts}), written as a side effect of saving
 * the step so no caller can forget it. Stateless.
 */
@Repository
class RunStepRepository {
    private static final String COLUMNS =
            "run_id, step_id, workspace_id, seq, status, attempts, input, output, error, started_at, finished_at";
    /** 11 parameters a row: far below SQLite's and PostgreSQL's limits on parameters per statement. */
    static final int ROWS_PER_INSERT = 100;

    private static final String ROW = "(:run_i, :step_i, :ws_i, :seq_i, :status_i, :attempts_i, :input_i, :output_i,"
            + " :error_i, :started_i, :finished_i)";

    /** How an attempt ended, as the history says it. */
    static final String RETRIED = "retried";

    static final String INTERRUPTED = "interrupted";

    private final JdbcClient jdbc;
    private final Clock clock;

    @Autowired
    RunStepRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    RunStepRepository(JdbcClient jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    /** One ended attempt of a step that took several. */
    record Attempt(String stepId, int attempt, String outcome, String error, Instant endedAt) {}

    /** Inserts or replaces a step's state (a run's steps are written only by the worker holding its lease). */
    void save(StepState s) {
        int updated = jdbc.sql("UPDATE workflow_run_steps SET seq = :seq, status = :status, attempts = :attempts,"
                        + " input = :input, output = :output, error = :error, started_at = :started,"
                        + " finished_at = :finished WHERE run_id = :run AND step_id = :step")
                .params(params(s))
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO workflow_run_steps (" + COLUMNS + ") VALUES (:run, :step, :ws, :seq, :status,"
                            + " :attempts, :input, :output, :error, :started, :finished)")
                    .params(params(s))
                    .update();
        }
        recordAttempt(s);
    }

    /**
     * Keeps the history of a step with several attempts: an attempt that failed and will be retried, the
     * attempt before a new one when nothing recorded how it ended (its worker stopped), and the last one of
     * several. The last attempt's outcome is settled when the step ends, keeping the error it was recorded
     * with (a later "gave up after N attempts" does not hide the real one).
     */
    private void recordAttempt(StepState s) {
        int n = s.attempts();
        switch (s.status()) {
            case RETRYING -> attempt(s, n, RETRIED, s.error(), false);
            case RUNNING -> {
                if (n > 1) {
                    attempt(s, n - 1, INTERRUPTED, "the attempt did not finish (its worker stopped)", false);
                }
            }
            case SUCCEEDED, FAILED -> {
                if (n > 1) {
                    attempt(s, n, s.status().wire(), s.error(), true);
                }
            }
            default -> {}
        }
    }

    private void attempt(StepState s, int attempt, String outcome, String error, boolean settle) {
        if (attempt < 1) {
            return;
        }
        Instant ended = s.finishedAt() != null ? s.finishedAt() : clock.instant();
        jdbc.sql("INSERT INTO workflow_step_attempts (run_id, step_id, attempt, workspace_id, outcome, error,"
                        + " ended_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, step_id, attempt) DO "
                        + (settle ? "UPDATE SET outcome = excluded.outcome" : "NOTHING"))
                .params(s.runId(), s.stepId(), attempt, s.workspaceId(), outcome, error, Timestamps.format(ended))
                .update();
    }

    /** How many earlier attempts of the step were cut short by a stopped worker. */
    int interruptions(String workspaceId, String runId, String stepId) {
        return jdbc.sql("SELECT COUNT(*) FROM workflow_step_attempts WHERE run_id = ? AND step_id = ?"
                        + " AND workspace_id = ? AND outcome = ?")
                .params(runId, stepId, workspaceId, INTERRUPTED)
                .query(Integer.class)
                .single();
    }

    /** The attempt history of a run's steps that took several, by step and attempt. */
    List<Attempt> attempts(String workspaceId, String runId) {
        return jdbc.sql("SELECT step_id, attempt, outcome, error, ended_at FROM workflow_step_attempts"
                        + " WHERE run_id = ? AND workspace_id = ? ORDER BY step_id, attempt")
                .params(runId, workspaceId)
                .query((rs, i) -> new Attempt(
                        rs.getString("step_id"),
                        rs.getInt("attempt"),
                        rs.getString("outcome"),
                        rs.getString("error"),
                        Timestamps.parse(rs.getString("ended_at"))))
                .list();
    }

    /**
     * Inserts steps that were never saved (runs finished in memory in one go), with multi-row INSERTs of up
     * to {@link #ROWS_PER_INSERT} rows: one statement instead of one per step.
     */
    void insertAll(List<StepState> steps) {
        for (int from = 0; from < steps.size(); from += ROWS_PER_INSERT) {
            List<StepState> chunk = steps.subList(from, Math.min(steps.size(), from + ROWS_PER_INSERT));
            var sql = new StringBuilder("INSERT INTO workflow_run_steps (" + COLUMNS + ") VALUES ");
            var params = new java.util.HashMap<String, Object>();
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(ROW.replace("_i", "_" + i));
                int n = i;
                params(chunk.get(i)).forEach((k, v) -> params.put(k + "_" + n, v));
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
        steps.forEach(this::recordAttempt); // writes only for a step that failed and is retried, or took several
    }

    /** A run's steps in timeline order. */
    List<StepState> list(String workspaceId, String runId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workflow_run_steps WHERE run_id = :run AND workspace_id = :ws"
                        + " ORDER BY seq")
                .param("run", runId)
                .param("ws", workspaceId)
                .query(RunStepRepository::row)
                .list();
    }

    private static java.util.Map<String, Object> params(StepState s) {
        var p = new java.util.HashMap<String, Object>();
        p.put("run", s.runId());
        p.put("step", s.stepId());
        p.put("ws", s.workspaceId());
        p.put("seq", s.seq());
        p.put("status", s.status().wire());
        p.put("attempts", s.attempts());
        p.put("input", s.input());
        p.put("output", s.output());
        p.put("error", s.error());
        p.put("started", Timestamps.format(s.startedAt()));
        p.put("finished", Timestamps.format(s.finishedAt()));
        return p;
    }

    private static StepState row(ResultSet rs, int n) throws SQLException {
        return new StepState(
                rs.getString("run_id"),
                rs.getString("step_id"),
                rs.getString("workspace_id"),
                rs.getInt("seq"),
                StepState.StepStatus.fromWire(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getString("input"),
                rs.getString("output"),
                rs.getString("error"),
                Timestamps.parse(rs.getString("started_at")),
                Timestamps.parse(rs.getString("finished_at")));
    }
}
