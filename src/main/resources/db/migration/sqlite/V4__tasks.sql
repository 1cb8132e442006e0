-- Tasks of a workspace. Instants are fixed-width UTC text (shared.time.Timestamps); due_at is the instant and
-- time_zone the IANA zone it is shown in. priority is a rank (0 none .. 4 urgent) so it sorts. title_key is
-- the lower-cased title, the sort key of sort=title.
CREATE TABLE tasks (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    title        TEXT NOT NULL,
    title_key    TEXT NOT NULL,
    notes        TEXT,
    status       TEXT NOT NULL,
    priority     INTEGER NOT NULL DEFAULT 0,
    due_at       TEXT,
    time_zone    TEXT,
    assignee_id  TEXT,
    project      TEXT,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    completed_at TEXT
);
CREATE INDEX tasks_ws_created ON tasks (workspace_id, created_at, id);
CREATE INDEX tasks_ws_updated ON tasks (workspace_id, updated_at, id);
CREATE INDEX tasks_ws_due ON tasks (workspace_id, due_at, id);
CREATE INDEX tasks_ws_status ON tasks (workspace_id, status);

-- One row per tag, for filtering; position keeps the order the user gave.
CREATE TABLE task_tags (
    task_id      TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    workspace_id TEXT NOT NULL,
    tag          TEXT NOT NULL,
    position     INTEGER NOT NULL,
    PRIMARY KEY (task_id, tag)
);
CREATE INDEX task_tags_ws_tag ON task_tags (workspace_id, tag);
