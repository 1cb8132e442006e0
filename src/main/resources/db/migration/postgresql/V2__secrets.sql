-- Encrypted secrets (envelope encryption, see dev.atom.secrets). ciphertext is base64 of the envelope:
-- the data key wrapped by the master keyset, then the value encrypted by the data key; both are bound to
-- (id, workspace_id, owner, purpose) as associated data, so a value copied to another row does not decrypt.
CREATE TABLE secrets (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    owner        TEXT NOT NULL,
    purpose      TEXT NOT NULL,
    ciphertext   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE INDEX secrets_workspace_owner ON secrets (workspace_id, owner);
