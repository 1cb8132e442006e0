-- Connections a workspace made to outside services. Credentials never live here: *_secret_id point into
-- secrets (owner "connection:<id>"). status is connected | needs_reconnect | error, status_reason says why.
-- The token columns are for OAuth 2.0: access and refresh tokens as secrets, their expiry, and token_version
-- so a rotated refresh token is saved by exactly one refresher (compare-and-set).
CREATE TABLE connections (
    id                      TEXT PRIMARY KEY,
    workspace_id            TEXT NOT NULL,
    connector               TEXT NOT NULL,
    name                    TEXT NOT NULL,
    status                  TEXT NOT NULL,
    status_reason           TEXT,
    account                 TEXT,
    credentials_secret_id   TEXT,
    access_token_secret_id  TEXT,
    refresh_token_secret_id TEXT,
    token_expires_at        TEXT,
    token_version           INTEGER NOT NULL DEFAULT 0,
    created_by              TEXT NOT NULL,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    last_checked_at         TEXT
);
CREATE INDEX connections_ws_created ON connections (workspace_id, created_at, id);

-- Trigger deliveries already seen (webhook delivery ids, polled event keys), for de-duplication and replay
-- rejection across every instance on one database.
CREATE TABLE trigger_deliveries (
    workspace_id TEXT NOT NULL,
    source       TEXT NOT NULL,
    delivery_key TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    PRIMARY KEY (workspace_id, source, delivery_key)
);
CREATE INDEX trigger_deliveries_received ON trigger_deliveries (received_at);
