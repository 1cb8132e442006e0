-- Workflows: a draft definition being edited and numbered immutable versions; runs are pinned to the version
-- they started with. webhook_token is the secret part of the workflow's incoming webhook URL.
CREATE TABLE workflows (
    id             TEXT PRIMARY KEY,
    workspace_id   TEXT NOT NULL,
    name           TEXT NOT NULL,
    draft          TEXT NOT NULL,
    active_version INTEGER,
    enabled        INTEGER NOT NULL DEFAULT 0,
    webhook_token  TEXT NOT NULL UNIQUE,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX workflows_ws_created ON workflows (workspace_id, created_at, id);

CREATE TABLE workflow_versions (
    workflow_id  TEXT NOT NULL,
    version      INTEGER NOT NULL,
    workspace_id TEXT NOT NULL,
    definition   TEXT NOT NULL,
    published_by TEXT NOT NULL,
    published_at TEXT NOT NULL,
    PRIMARY KEY (workflow_id, version)
);

-- One row per run. A worker owns a run while lease_until is in the future; due_at is when the run may be taken
-- next (now for queued work, later for timers and retry back-off). The state of each step lives in
-- workflow_run_steps, so a run taken over after a crash resumes at the step that was in flight.
CREATE TABLE workflow_runs (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    workflow_id  TEXT NOT NULL,
    version      INTEGER NOT NULL,
    status       TEXT NOT NULL,
    trigger_data TEXT NOT NULL,
    output       TEXT,
    error        TEXT,
    due_at       TEXT,
    lease_owner  TEXT,
    lease_until  TEXT,
    created_at   TEXT NOT NULL,
    started_at   TEXT,
    finished_at  TEXT
);
CREATE INDEX workflow_runs_ws_created ON workflow_runs (workspace_id, created_at, id);
CREATE INDEX workflow_runs_workflow ON workflow_runs (workflow_id, created_at);
CREATE INDEX workflow_runs_due ON workflow_runs (due_at) WHERE due_at IS NOT NULL;

-- A step's state in a run: seq orders the timeline, attempts counts tries (the idempotency key does not change
-- between them), input/output/error are size-capped JSON with secrets redacted.
CREATE TABLE workflow_run_steps (
    run_id       TEXT NOT NULL,
    step_id      TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    status       TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    input        TEXT,
    output       TEXT,
    error        TEXT,
    started_at   TEXT,
    finished_at  TEXT,
    PRIMARY KEY (run_id, step_id)
);
