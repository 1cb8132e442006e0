-- The attempts of steps that took more than one: how each ended (retried, interrupted, succeeded, failed),
-- its error and when. A step that succeeded or failed at its first attempt has no rows: its step row says it.
CREATE TABLE workflow_step_attempts (
    run_id       TEXT    NOT NULL,
    step_id      TEXT    NOT NULL,
    attempt      INTEGER NOT NULL,
    workspace_id TEXT    NOT NULL,
    outcome      TEXT    NOT NULL,
    error        TEXT,
    ended_at     TEXT,
    PRIMARY KEY (run_id, step_id, attempt)
);
