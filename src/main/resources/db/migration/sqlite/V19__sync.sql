-- The sync engine's state (issue 10 section 2). One row per feed of a connection (a connection's calendar events,
-- a mailbox's messages, a drive's files): the change-feed cursor it continues from, what the Sync panel shows
-- (status idle | syncing | error | needs_reconnect, items, progress of a running sync, last error) and when it
-- runs next. full_sync_started_at is set while a full sync (first, or after an expired cursor) runs: rows the
-- store did not see again since then are swept when it ends. failures counts errors in a row (back-off).
CREATE TABLE sync_feeds (
    workspace_id         TEXT    NOT NULL,
    connection_id        TEXT    NOT NULL,
    feed_id              TEXT    NOT NULL,
    connector            TEXT    NOT NULL,
    cursor               TEXT,
    status               TEXT    NOT NULL,
    items                INTEGER NOT NULL DEFAULT 0,
    progress_pages       INTEGER NOT NULL DEFAULT 0,
    progress_items       INTEGER NOT NULL DEFAULT 0,
    full_sync_started_at TEXT,
    last_synced_at       TEXT,
    next_run_at          TEXT,
    last_error           TEXT,
    last_error_at        TEXT,
    failures             INTEGER NOT NULL DEFAULT 0,
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL,
    PRIMARY KEY (workspace_id, connection_id, feed_id)
);
CREATE INDEX sync_feeds_due ON sync_feeds (next_run_at);
CREATE INDEX sync_feeds_connection ON sync_feeds (connection_id);

-- Which instance syncs a connection now: claimed by compare-and-set (absent or expired), renewed page by page,
-- deleted when the run ends; a dead instance's lease expires and another takes the connection over.
CREATE TABLE sync_leases (
    connection_id TEXT NOT NULL PRIMARY KEY,
    workspace_id  TEXT NOT NULL,
    lease_owner   TEXT NOT NULL,
    lease_until   TEXT NOT NULL
);

-- Files synced from files connectors (Google Drive, Dropbox): metadata and the text of small text-like files.
-- external_id is the service's key (a Drive file id, a Dropbox lower-case path); synced_at is when the sync last
-- saw the row (a full resync sweeps rows it did not see).
CREATE TABLE synced_files (
    id            TEXT    NOT NULL PRIMARY KEY,
    workspace_id  TEXT    NOT NULL,
    connection_id TEXT    NOT NULL,
    feed_id       TEXT    NOT NULL,
    external_id   TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    path          TEXT,
    mime_type     TEXT,
    size          INTEGER NOT NULL DEFAULT 0,
    modified_at   TEXT,
    modified_by   TEXT,
    link          TEXT,
    text          TEXT,
    synced_at     TEXT    NOT NULL,
    UNIQUE (workspace_id, connection_id, feed_id, external_id)
);
CREATE INDEX synced_files_sweep ON synced_files (workspace_id, connection_id, feed_id, synced_at);
