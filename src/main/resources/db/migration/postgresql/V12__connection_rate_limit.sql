-- Until when a service's rate limit blocks calls on a connection (a 429's Retry-After, a spent quota's reset),
-- so every Atom instance on the database holds back, not only the one that was told.
ALTER TABLE connections ADD COLUMN rate_limited_until TEXT;
