-- Calendar range reads that cost what they return (issue 10, performance). A read of [from, to) used to scan
-- every row starting before :to (start_at < :to AND last_end > :from, with an OR for overrides that kept the
-- index from being used alone). long_span = 1 marks rows whose last occurrence can end more than 7 days after
-- their start (series, long events); the others are found by an index range on start_at from a week before the
-- range, the long ones by their own (short) range, overrides by original_start. Existing rows start as long
-- (always correct, only slower) and are then classified here; the application classifies new rows exactly.
ALTER TABLE calendar_events ADD COLUMN long_span INTEGER NOT NULL DEFAULT 1;
UPDATE calendar_events SET long_span = 0 WHERE julianday(last_end) - julianday(start_at) <= 7;
DROP INDEX calendar_events_range;
CREATE INDEX calendar_events_span ON calendar_events (workspace_id, long_span, start_at, last_end);
CREATE INDEX calendar_events_original ON calendar_events (workspace_id, original_start);
