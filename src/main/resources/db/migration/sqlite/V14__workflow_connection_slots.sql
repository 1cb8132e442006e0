-- Calls in flight per connection across every Atom instance on the database: a call holds one of the
-- connection's numbered slots until it ends or its lease runs out (its holder died).
CREATE TABLE workflow_connection_slots (
    slot_key    TEXT    NOT NULL,
    slot        INTEGER NOT NULL,
    holder      TEXT    NOT NULL,
    lease_until TEXT    NOT NULL,
    PRIMARY KEY (slot_key, slot)
);
