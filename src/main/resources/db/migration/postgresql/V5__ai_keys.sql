-- AI provider keys (dev.atom.ai.keys). The key itself lives encrypted in secrets (owner "ai_key:<id>", purpose
-- "api-key"; secret_id is null for an openai-compatible server without a key); this row holds only what may be
-- shown. user_id is the owner of a user key and null for a workspace key. owner_key is the user id or '*' for a
-- workspace key, and name_key the lower-cased name, so a name is unique per owner.
CREATE TABLE ai_keys (
    id                TEXT PRIMARY KEY,
    workspace_id      TEXT NOT NULL,
    user_id           TEXT,
    scope             TEXT NOT NULL,
    owner_key         TEXT NOT NULL,
    provider          TEXT NOT NULL,
    name              TEXT NOT NULL,
    name_key          TEXT NOT NULL,
    masked            TEXT NOT NULL,
    base_url          TEXT,
    azure_deployment  TEXT,
    azure_api_version TEXT,
    secret_id         TEXT,
    created_by        TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    UNIQUE (workspace_id, owner_key, name_key)
);
CREATE INDEX ai_keys_ws_created ON ai_keys (workspace_id, created_at, id);

-- Models an openai-compatible server listed at its /v1/models (on key creation and on each test).
CREATE TABLE ai_key_models (
    key_id       TEXT NOT NULL REFERENCES ai_keys (id) ON DELETE CASCADE,
    workspace_id TEXT NOT NULL,
    model        TEXT NOT NULL,
    PRIMARY KEY (key_id, model)
);
CREATE INDEX ai_key_models_ws ON ai_key_models (workspace_id);

-- A workspace admin's price for a model, replacing the shipped catalog's; micro-dollars per million tokens.
CREATE TABLE ai_price_overrides (
    id                  TEXT PRIMARY KEY,
    workspace_id        TEXT NOT NULL,
    model               TEXT NOT NULL,
    input_micros        BIGINT NOT NULL,
    output_micros       BIGINT NOT NULL,
    cached_input_micros BIGINT NOT NULL,
    updated_by          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    UNIQUE (workspace_id, model)
);
