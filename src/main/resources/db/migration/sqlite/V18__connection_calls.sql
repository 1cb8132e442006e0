-- Every direct action call on a connection (POST /api/v1/connections/{id}/actions/{action}): who made it, on
-- which connection, which action, how it ended and when. Never inputs or outputs (they carry mail, tokens...);
-- detail is a short code (invalid_input, needs_reconnect, rate_limited, service_error, not_permitted). The
-- connection's owner reads them. Ids are UUIDv7, so id order is time order (the page cursor).
CREATE TABLE connection_calls (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL,
    connection_id TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    action        TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    detail        TEXT,
    called_at     TEXT NOT NULL
);
CREATE INDEX connection_calls_connection ON connection_calls (workspace_id, connection_id, id);
