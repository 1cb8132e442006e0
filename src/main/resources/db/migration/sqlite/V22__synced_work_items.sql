-- Issues, tasks, cards and pages synced from work trackers (GitHub, Jira, Asana, Trello, Notion), one row per
-- (workspace, connection, feed, external id). id is Atom's own id (UUIDv7, kept across syncs): the tasks API and
-- search links name it. Who may read a row is decided at read time from its connection (owner, visibility).
-- done and assigned_to_me are 0/1; due_date is yyyy-MM-dd; refs is a JSON object of what writing back needs;
-- instants are fixed-width UTC text. synced_at is when a sync last wrote the row (a full resync sweeps older ones).
CREATE TABLE synced_work_items (
    id             TEXT PRIMARY KEY,
    workspace_id   TEXT NOT NULL,
    connection_id  TEXT NOT NULL,
    connector      TEXT NOT NULL,
    feed           TEXT NOT NULL,
    external_id    TEXT NOT NULL,
    kind           TEXT NOT NULL,
    title          TEXT NOT NULL,
    container      TEXT,
    status         TEXT,
    done           INTEGER NOT NULL,
    due_date       TEXT,
    assigned_to_me INTEGER NOT NULL,
    body           TEXT,
    link           TEXT,
    refs           TEXT NOT NULL,
    updated_at     TEXT,
    synced_at      TEXT NOT NULL,
    UNIQUE (workspace_id, connection_id, feed, external_id)
);
CREATE INDEX synced_work_items_due ON synced_work_items (workspace_id, connection_id, assigned_to_me, due_date);
