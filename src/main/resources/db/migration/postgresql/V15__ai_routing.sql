-- A workspace's default routing (dev.atom.ai.routing): what the model name "atom/default" stands for, as a JSON
-- array of model ids and atom/... policies tried in order. A workspace without a row uses ["atom/balanced"].
CREATE TABLE ai_routing (
    workspace_id TEXT PRIMARY KEY,
    models       TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
