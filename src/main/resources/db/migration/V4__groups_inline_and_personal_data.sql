-- Grokgram schema, version 4: groups, forum topics, inline and guest mode, and the user each record belongs to
-- (so /mydata and /forget find every row of a person). Portable SQL for SQLite and PostgreSQL.

-- assistant: the Telegram user an inbox entry came from, and for inline and guest answers the message they fill in.
ALTER TABLE inbox ADD COLUMN user_id BIGINT;
ALTER TABLE inbox ADD COLUMN inline_message_id TEXT;
CREATE INDEX inbox_by_user ON inbox (user_id);

-- assistant: the user a message belongs to (the author of a question, the asker of an answer).
ALTER TABLE conversation_messages ADD COLUMN user_id BIGINT;
CREATE INDEX conversation_messages_by_user ON conversation_messages (user_id);

-- assistant: who a turn was for, and why (answer, inline, guest).
ALTER TABLE turn_usage ADD COLUMN user_id BIGINT;
ALTER TABLE turn_usage ADD COLUMN purpose TEXT NOT NULL DEFAULT 'answer';
CREATE INDEX turn_usage_by_user ON turn_usage (user_id);

-- assistant: a conversation may belong to one user inside a group topic (the per-user setting): the key gains
-- scope_user (0 = the whole chat or topic). SQLite cannot change a primary key in place, so the table is rebuilt.
CREATE TABLE conversations_v4 (
    bot_id          BIGINT  NOT NULL,
    chat_id         BIGINT  NOT NULL,
    thread_id       BIGINT  NOT NULL,
    scope_user      BIGINT  NOT NULL,
    conversation_id TEXT    NOT NULL,
    started_at      BIGINT  NOT NULL,
    summary         TEXT,
    summary_upto    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (bot_id, chat_id, thread_id, scope_user)
);
INSERT INTO conversations_v4 (bot_id, chat_id, thread_id, scope_user, conversation_id, started_at, summary, summary_upto)
    SELECT bot_id, chat_id, thread_id, 0, conversation_id, started_at, summary, summary_upto FROM conversations;
DROP TABLE conversations;
ALTER TABLE conversations_v4 RENAME TO conversations;
CREATE UNIQUE INDEX conversations_by_id ON conversations (conversation_id);

-- assistant: what a group's admins decided: whether the assistant answers there, and whom.
CREATE TABLE group_settings (
    bot_id      BIGINT  NOT NULL,
    chat_id     BIGINT  NOT NULL,
    enabled     INTEGER NOT NULL,
    admins_only INTEGER NOT NULL,
    updated_at  BIGINT  NOT NULL,
    PRIMARY KEY (bot_id, chat_id)
);
