-- OAuth apps a workspace's admins registered in Atom (Connections -> Set up, or PUT
-- /api/v1/connectors/{id}/oauth-app) instead of the operator's ATOM_<ID>_CLIENT_ID/_SECRET, which stay the
-- fallback. The client secret lives only in secrets (owner "oauth-app:<connector>", purpose
-- "oauth-client-secret"); client_secret_id points at it. testing = 1 when the admin says the app is in the
-- provider's testing mode (Google then ends refresh tokens after 7 days).
CREATE TABLE oauth_apps (
    workspace_id     TEXT NOT NULL,
    connector        TEXT NOT NULL,
    client_id        TEXT NOT NULL,
    client_secret_id TEXT NOT NULL,
    testing          INTEGER NOT NULL DEFAULT 0,
    updated_by       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (workspace_id, connector)
);

-- Credential health. health_due_at: when the scheduled check is next due (NULL: not planned yet); an instance
-- claims a check by moving it forward in one compare-and-set UPDATE, so instances never check one connection
-- twice. refresh_token_issued_at / _used_at: when the current refresh token was handed out / last worked;
-- refresh_token_expires_at: its end when the provider said (refresh_token_expires_in). expiry_warned_at: the
-- owner was told these tokens end soon (cleared by a reconnect).
ALTER TABLE connections ADD COLUMN health_due_at TEXT;
ALTER TABLE connections ADD COLUMN refresh_token_issued_at TEXT;
ALTER TABLE connections ADD COLUMN refresh_token_used_at TEXT;
ALTER TABLE connections ADD COLUMN refresh_token_expires_at TEXT;
ALTER TABLE connections ADD COLUMN expiry_warned_at TEXT;
CREATE INDEX connections_health_due ON connections (health_due_at);
