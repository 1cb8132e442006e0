-- The inbox: a local copy of each mail and chat connection's recent messages (the sync engine writes it through
-- the inbox's SyncStore), keyed by the service's id inside its connection and feed. Who sees a row is decided at
-- read time from its connection (VisibleConnections), so nothing here names a reader. Instants are fixed-width
-- UTC text; booleans are 0/1. to_list/cc_list/reply_to/labels are newline-separated. from_address is lower-cased
-- (triage compares it with contacts and VIPs). archived is Atom's own mark, set at once when the user archives;
-- an upsert from the service leaves it alone.
CREATE TABLE inbox_messages (
    id                TEXT PRIMARY KEY,
    workspace_id      TEXT NOT NULL,
    connection_id     TEXT NOT NULL,
    connector_id      TEXT NOT NULL,
    feed_id           TEXT NOT NULL,
    external_id       TEXT NOT NULL,
    kind              TEXT NOT NULL,
    thread_id         TEXT,
    folder            TEXT,
    from_address      TEXT,
    from_name         TEXT,
    to_list           TEXT,
    cc_list           TEXT,
    reply_to          TEXT,
    subject           TEXT,
    snippet           TEXT,
    body_text         TEXT,
    received_at       TEXT NOT NULL,
    unread            INTEGER NOT NULL DEFAULT 0,
    from_me           INTEGER NOT NULL DEFAULT 0,
    direct_to_me      INTEGER NOT NULL DEFAULT 0,
    mentions_me       INTEGER NOT NULL DEFAULT 0,
    labels            TEXT,
    message_id_header TEXT,
    references_header TEXT,
    link              TEXT,
    problem           TEXT,
    archived          INTEGER NOT NULL DEFAULT 0,
    synced_at         TEXT NOT NULL,
    UNIQUE (workspace_id, connection_id, feed_id, external_id)
);
-- The inbox list: newest first with (received_at, id) as the keyset cursor.
CREATE INDEX inbox_messages_ws_received ON inbox_messages (workspace_id, received_at, id);
CREATE INDEX inbox_messages_thread ON inbox_messages (workspace_id, connection_id, thread_id);
CREATE INDEX inbox_messages_synced ON inbox_messages (connection_id, feed_id, synced_at);

-- Per-user state: a message the user snoozed stays hidden from them until then.
CREATE TABLE inbox_snoozes (
    workspace_id TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    message_id   TEXT NOT NULL REFERENCES inbox_messages (id) ON DELETE CASCADE,
    until_at     TEXT NOT NULL,
    PRIMARY KEY (user_id, message_id)
);
CREATE INDEX inbox_snoozes_message ON inbox_snoozes (message_id);

-- Senders a user marked as VIPs (lower-cased addresses).
CREATE TABLE inbox_vips (
    workspace_id TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    address      TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (workspace_id, user_id, address)
);

-- People a user wrote to (from their own sent mail, per connection so removing it forgets them) or met
-- (calendar attendees, later): mail from them counts as important.
CREATE TABLE inbox_contacts (
    workspace_id  TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    address       TEXT NOT NULL,
    connection_id TEXT NOT NULL,
    how           TEXT NOT NULL,
    last_at       TEXT NOT NULL,
    PRIMARY KEY (workspace_id, user_id, address, connection_id)
);
CREATE INDEX inbox_contacts_connection ON inbox_contacts (connection_id);
