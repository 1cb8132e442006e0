-- The calendar (issue 10): events synced from calendar connections, Atom's own local events, and who shares
-- free/busy. Instants are fixed-width UTC text (shared.time.Timestamps). A synced row is keyed by where it came
-- from (workspace, connection, feed, the service's id) and carries an Atom id (UUIDv7) that the API shows and
-- that stays the same across upserts. A recurring series is one row (its master, recurrence lines in
-- recurrence as JSON) expanded at read time; last_end is when the series' last occurrence can end (far future
-- when unbounded), so a range query reads start_at < :to AND last_end > :from. An overridden or cancelled
-- occurrence is its own row with series_id (the master's external_id) and original_start. problem says why a
-- row cannot be shown (a broken RRULE), so reads skip it without failing.
CREATE TABLE calendar_events (
    id             TEXT NOT NULL UNIQUE,
    workspace_id   TEXT NOT NULL,
    connection_id  TEXT NOT NULL,
    feed_id        TEXT NOT NULL,
    external_id    TEXT NOT NULL,
    calendar_id    TEXT NOT NULL,
    calendar_name  TEXT,
    calendar_color TEXT,
    title          TEXT,
    description    TEXT,
    location       TEXT,
    start_at       TEXT NOT NULL,
    end_at         TEXT NOT NULL,
    last_end       TEXT NOT NULL,
    all_day        INTEGER NOT NULL,
    start_date     TEXT,
    end_date       TEXT,
    time_zone      TEXT,
    organizer      TEXT,
    attendees      TEXT NOT NULL,
    recurrence     TEXT NOT NULL,
    series_id      TEXT,
    original_start TEXT,
    cancelled      INTEGER NOT NULL,
    busy           INTEGER NOT NULL,
    link           TEXT,
    version        TEXT,
    updated_at     TEXT,
    problem        TEXT,
    synced_at      TEXT NOT NULL,
    PRIMARY KEY (workspace_id, connection_id, feed_id, external_id)
);
CREATE INDEX calendar_events_range ON calendar_events (workspace_id, start_at, last_end);
CREATE INDEX calendar_events_series ON calendar_events (workspace_id, connection_id, feed_id, series_id);
CREATE INDEX calendar_events_synced ON calendar_events (workspace_id, connection_id, feed_id, synced_at);

-- Atom's own calendar ("local"): each event belongs to one user and is seen by that user alone.
CREATE TABLE calendar_local_events (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    owner_id     TEXT NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT,
    location     TEXT,
    start_at     TEXT NOT NULL,
    end_at       TEXT NOT NULL,
    all_day      INTEGER NOT NULL,
    time_zone    TEXT,
    attendees    TEXT NOT NULL,
    busy         INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX calendar_local_events_range ON calendar_local_events (workspace_id, owner_id, start_at, end_at);

-- Per user: whether colleagues may see my busy times (never titles) when they look for a free slot.
CREATE TABLE calendar_settings (
    workspace_id     TEXT NOT NULL,
    user_id          TEXT NOT NULL,
    share_free_busy  INTEGER NOT NULL,
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
