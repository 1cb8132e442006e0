-- The switched-on trigger of each published workflow: when a schedule fires or a poll is due next (claimed by a
-- compare-and-set UPDATE on next_fire_at, so one instance takes each slot), a polling trigger's cursor, the last
-- poll's error (shown on the workflow: an active trigger never silently stops), and the liveness expectation.
CREATE TABLE workflow_triggers (
    workflow_id    TEXT PRIMARY KEY,
    workspace_id   TEXT NOT NULL,
    kind           TEXT NOT NULL,
    trigger_key    TEXT NOT NULL,
    active         INTEGER NOT NULL DEFAULT 0,
    next_fire_at   TEXT,
    cursor         TEXT,
    poll_seq       INTEGER NOT NULL DEFAULT 0,
    connection_id  TEXT,
    expect_seconds INTEGER,
    armed_at       TEXT NOT NULL,
    last_polled_at TEXT,
    last_error     TEXT,
    last_error_at  TEXT,
    failures       INTEGER NOT NULL DEFAULT 0,
    secret_id      TEXT
);
CREATE INDEX workflow_triggers_due ON workflow_triggers (next_fire_at) WHERE active = 1;
CREATE INDEX workflow_triggers_connection ON workflow_triggers (workspace_id, connection_id);

-- Alerts for a workflow's owner: trigger_silent (no run for longer than expected), trigger_failing (polls keep
-- failing), connection_needs_reconnect. At most one open alert per workflow and kind; closed_at ends it.
CREATE TABLE workflow_alerts (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    workflow_id  TEXT NOT NULL,
    kind         TEXT NOT NULL,
    detail       TEXT,
    since        TEXT NOT NULL,
    closed_at    TEXT
);
CREATE UNIQUE INDEX workflow_alerts_open ON workflow_alerts (workflow_id, kind) WHERE closed_at IS NULL;
CREATE INDEX workflow_alerts_ws ON workflow_alerts (workspace_id, since);
