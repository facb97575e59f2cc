-- Grokgram schema, version 1. Portable SQL: the same file runs on SQLite and PostgreSQL.
-- Times are epoch milliseconds (BIGINT); booleans are avoided (the engines store them differently).

-- telegram: where long polling resumes; advanced only after the updates before it are in the inbox.
CREATE TABLE intake_offset (
    bot_id      BIGINT NOT NULL PRIMARY KEY,
    next_offset BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- assistant: every accepted trigger, once per (bot, update). The state walks
-- stored -> started -> answered (final text recorded) -> done.
CREATE TABLE inbox (
    bot_id      BIGINT NOT NULL,
    update_id   BIGINT NOT NULL,
    chat_id     BIGINT NOT NULL,
    thread_id   BIGINT NOT NULL,
    kind        TEXT   NOT NULL,
    payload     TEXT   NOT NULL,
    state       TEXT   NOT NULL,
    final_text  TEXT,
    received_at BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (bot_id, update_id)
);
CREATE INDEX inbox_by_chat ON inbox (bot_id, chat_id, thread_id, state, update_id);

-- assistant: each message that shows an answer, recorded the moment Telegram returns its id,
-- so a resumed turn edits it instead of sending it again.
CREATE TABLE reply_parts (
    bot_id     BIGINT  NOT NULL,
    update_id  BIGINT  NOT NULL,
    part_index INTEGER NOT NULL,
    message_id BIGINT  NOT NULL,
    sent_at    BIGINT  NOT NULL,
    PRIMARY KEY (bot_id, update_id, part_index)
);

-- assistant: the current conversation of each chat (and forum topic); /new starts another.
-- conversation_id is random, never derived from a Telegram id: it is what providers see as the cache key.
CREATE TABLE conversations (
    bot_id          BIGINT NOT NULL,
    chat_id         BIGINT NOT NULL,
    thread_id       BIGINT NOT NULL,
    conversation_id TEXT   NOT NULL,
    started_at      BIGINT NOT NULL,
    PRIMARY KEY (bot_id, chat_id, thread_id)
);

-- assistant: the messages of a conversation, in order. origin is the provenance the privacy gate checks.
CREATE TABLE conversation_messages (
    conversation_id TEXT    NOT NULL,
    seq             INTEGER NOT NULL,
    role            TEXT    NOT NULL,
    origin          TEXT    NOT NULL,
    content         TEXT    NOT NULL,
    tokens          INTEGER NOT NULL,
    bot_id          BIGINT  NOT NULL,
    update_id       BIGINT  NOT NULL,
    created_at      BIGINT  NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);

-- assistant: what each turn used and cost. cost_nano_usd is NULL when the model has no configured price.
CREATE TABLE turn_usage (
    bot_id            BIGINT  NOT NULL,
    update_id         BIGINT  NOT NULL,
    provider          TEXT    NOT NULL,
    model             TEXT    NOT NULL,
    prompt_tokens     INTEGER NOT NULL,
    cached_tokens     INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    reasoning_tokens  INTEGER NOT NULL,
    cost_nano_usd     BIGINT,
    first_token_ms    BIGINT  NOT NULL,
    provider_ms       BIGINT  NOT NULL,
    turn_ms           BIGINT  NOT NULL,
    created_at        BIGINT  NOT NULL,
    PRIMARY KEY (bot_id, update_id)
);
