-- Grokgram schema, version 8: the operator console and the Mini App. Portable SQL for SQLite and PostgreSQL:
-- epoch-millisecond BIGINT times, no booleans. Secrets (sign-in links, session ids) are stored only as SHA-256 hex.

-- console: one-time sign-in links printed by `grokgram admin link`. used_at is set by the one sign-in the link allows.
CREATE TABLE console_links (
    token_sha256 TEXT   NOT NULL PRIMARY KEY,
    role         TEXT   NOT NULL,
    label        TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    used_at      BIGINT
);

-- console: signed-in operators. csrf is the token every change must carry; operator names who signed in (a link's
-- label or tg:<id> for the Login Widget) for the log.
CREATE TABLE console_sessions (
    session_sha256 TEXT   NOT NULL PRIMARY KEY,
    operator       TEXT   NOT NULL,
    role           TEXT   NOT NULL,
    csrf           TEXT   NOT NULL,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL
);

-- billing: users an operator blocked: their turns are refused politely before any provider call.
CREATE TABLE account_blocks (
    user_id    BIGINT NOT NULL PRIMARY KEY,
    blocked_by TEXT   NOT NULL,
    blocked_at BIGINT NOT NULL
);

-- billing: a plan an operator gave a user (a goodwill Premium, or Free to end one early); wins over the subscription
-- until expires_at.
CREATE TABLE plan_grants (
    user_id    BIGINT NOT NULL PRIMARY KEY,
    plan_id    TEXT   NOT NULL,
    granted_by TEXT   NOT NULL,
    granted_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- privacy: every export and erasure request, for the operator's view of their status. Keeps the pseudonym only (the
-- Telegram id is never written here); after erasure the pseudonym links to nobody.
CREATE TABLE data_requests (
    id           TEXT   NOT NULL PRIMARY KEY,
    kind         TEXT   NOT NULL,
    pseudonym    TEXT   NOT NULL,
    status       TEXT   NOT NULL,
    requested_at BIGINT NOT NULL,
    finished_at  BIGINT
);
CREATE INDEX data_requests_by_time ON data_requests (requested_at);
