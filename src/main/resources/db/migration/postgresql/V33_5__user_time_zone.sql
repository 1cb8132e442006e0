-- A person's own time zone (an IANA id such as Europe/Berlin); NULL: none chosen, Atom assumes UTC.
ALTER TABLE users ADD COLUMN time_zone TEXT;
