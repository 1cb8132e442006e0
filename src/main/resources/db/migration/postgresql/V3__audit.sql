-- The audit log of security events. No foreign keys: the record must outlive deleted users and workspaces.
-- workspace_id and actor_user_id are null for events without a known tenant (a failed login of an unknown email).
CREATE TABLE audit_events (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT,
    actor_user_id TEXT,
    type          TEXT NOT NULL,
    detail        TEXT NOT NULL,
    ip            TEXT,
    request_id    TEXT,
    created_at    TEXT NOT NULL
);
CREATE INDEX audit_events_workspace_created ON audit_events (workspace_id, created_at DESC, id DESC);
