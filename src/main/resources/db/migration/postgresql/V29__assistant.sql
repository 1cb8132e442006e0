-- The assistant (issue 11): conversations private to their user, their messages in order, and the actions the
-- assistant's tools took or proposed. Instants are fixed-width UTC text (shared.time.Timestamps); JSON is text.
-- A message's tool_calls are the model's calls (OpenAI form) on an assistant message; a tool message answers one
-- of them (tool_call_id). Money is integer micro-dollars. An action is one write: done at once (own data, with its
-- undo) or waiting for approval (status pending) with its preview; message_id is the assistant message that made it.
CREATE TABLE assistant_conversations (
    id           TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    title        TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX assistant_conversations_owner ON assistant_conversations (workspace_id, user_id, updated_at, id);

CREATE TABLE assistant_messages (
    id              TEXT NOT NULL PRIMARY KEY,
    workspace_id    TEXT NOT NULL,
    conversation_id TEXT NOT NULL REFERENCES assistant_conversations (id) ON DELETE CASCADE,
    role            TEXT NOT NULL,
    text            TEXT,
    tool_calls      TEXT,
    tool_call_id    TEXT,
    tool_name       TEXT,
    model           TEXT,
    input_tokens    BIGINT,
    output_tokens   BIGINT,
    cost_micros     BIGINT,
    created_at      TEXT NOT NULL
);
CREATE INDEX assistant_messages_conversation ON assistant_messages (conversation_id, id);

CREATE TABLE assistant_actions (
    id              TEXT NOT NULL PRIMARY KEY,
    workspace_id    TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    conversation_id TEXT NOT NULL REFERENCES assistant_conversations (id) ON DELETE CASCADE,
    message_id      TEXT NOT NULL,
    tool_call_id    TEXT,
    tool            TEXT NOT NULL,
    input           TEXT NOT NULL,
    preview         TEXT NOT NULL,
    effect          TEXT NOT NULL,
    time_zone       TEXT NOT NULL,
    status          TEXT NOT NULL,
    summary         TEXT,
    output          TEXT,
    undo            TEXT,
    error           TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX assistant_actions_conversation ON assistant_actions (conversation_id, id);
