-- The AI usage ledger: one row per provider attempt (a call that failed over has one row per candidate tried).
-- Money is integer micro-dollars; failed attempts cost 0. streamed and usage_estimated are 0/1 flags
-- (usage_estimated = 1 when a stream ended without the provider's own usage and the gateway's estimate was used).
-- ttft_ms is the time to the first streamed chunk (null for plain calls and failures).
CREATE TABLE ai_usage (
    id              TEXT PRIMARY KEY,
    workspace_id    TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    key_id          TEXT,
    provider        TEXT NOT NULL,
    model           TEXT NOT NULL,
    input_tokens    BIGINT NOT NULL DEFAULT 0,
    output_tokens   BIGINT NOT NULL DEFAULT 0,
    cached_tokens   BIGINT NOT NULL DEFAULT 0,
    cost_micros     BIGINT NOT NULL DEFAULT 0,
    latency_ms      BIGINT NOT NULL DEFAULT 0,
    ttft_ms         BIGINT,
    outcome         TEXT NOT NULL,
    error_code      TEXT,
    request_id      TEXT,
    source          TEXT NOT NULL,
    streamed        INTEGER NOT NULL DEFAULT 0,
    usage_estimated INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL
);
CREATE INDEX ai_usage_ws_created ON ai_usage (workspace_id, created_at);
CREATE INDEX ai_usage_ws_user_created ON ai_usage (workspace_id, user_id, created_at);

-- Budgets per user (subject = the user's id) or per workspace (subject = ''), per UTC day or month.
-- One budget per (workspace, scope, subject, period): PUT replaces it.
CREATE TABLE ai_budgets (
    id                  TEXT PRIMARY KEY,
    workspace_id        TEXT NOT NULL,
    scope               TEXT NOT NULL,
    subject             TEXT NOT NULL,
    period              TEXT NOT NULL,
    limit_micros        BIGINT NOT NULL,
    fallback_to_cheaper INTEGER NOT NULL DEFAULT 0,
    created_by          TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE UNIQUE INDEX ai_budgets_subject ON ai_budgets (workspace_id, scope, subject, period);

-- What a budget has spent and holds reserved in one period (period_start: '2026-11-24' or '2026-11'). Calls
-- reserve their estimated cost with a conditional UPDATE (spent + reserved + estimate <= limit) and settle
-- with the real cost, so concurrent calls can never overspend.
CREATE TABLE ai_budget_spend (
    budget_id       TEXT NOT NULL REFERENCES ai_budgets (id) ON DELETE CASCADE,
    workspace_id    TEXT NOT NULL,
    period_start    TEXT NOT NULL,
    spent_micros    BIGINT NOT NULL DEFAULT 0,
    reserved_micros BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (budget_id, period_start)
);
