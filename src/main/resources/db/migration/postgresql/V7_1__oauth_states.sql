-- OAuth 2.0 authorization attempts in flight: the state is stored only as its SHA-256 hash, bound to the
-- user and workspace that started it, used at most once (the callback deletes the row) and only until
-- expires_at. code_verifier is the PKCE secret of this one attempt (useless without the code the provider
-- sends back to the registered redirect URI). connection_id is set when an existing connection is reconnected.
CREATE TABLE oauth_states (
    state_hash    TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    connector     TEXT NOT NULL,
    connection_id TEXT,
    name          TEXT NOT NULL,
    code_verifier TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX oauth_states_expires ON oauth_states (expires_at);

-- The scopes the provider granted (space-separated, as in its token answer), shown to the user.
ALTER TABLE connections ADD COLUMN token_scopes TEXT;
