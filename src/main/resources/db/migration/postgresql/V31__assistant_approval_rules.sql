-- The assistant's approval rules (issue 11): a person's standing decision about one tool, optionally for one
-- connection ('' = whichever connection the call uses). mode always_allow runs that write to another app without
-- asking; always_ask makes any write of that tool wait for approval, even one to the person's own data. A write
-- proposed after the turn read outside text waits whatever the rules say (that check is in the code, not here).
CREATE TABLE assistant_approval_rules (
    id           TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    tool         TEXT NOT NULL,
    connection   TEXT NOT NULL,
    mode         TEXT NOT NULL CHECK (mode IN ('always_allow', 'always_ask')),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX assistant_approval_rules_key
    ON assistant_approval_rules (workspace_id, user_id, tool, connection);
