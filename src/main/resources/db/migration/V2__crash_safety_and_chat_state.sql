-- Grokgram schema, version 2: what Foundation II needs. Portable SQL for SQLite and PostgreSQL.

-- assistant: updates that could not be read, kept out of the inbox with the reason, so one bad update never
-- blocks its chat and an operator can still see what arrived. payload is truncated to 64 KiB.
CREATE TABLE failed_intake (
    id          TEXT   NOT NULL PRIMARY KEY,
    bot_id      BIGINT NOT NULL,
    update_id   BIGINT NOT NULL,
    reason      TEXT   NOT NULL,
    payload     TEXT   NOT NULL,
    received_at BIGINT NOT NULL
);
CREATE INDEX failed_intake_by_time ON failed_intake (bot_id, received_at);

-- assistant: chats Telegram told us not to write to (403, or my_chat_member "kicked"/"left").
CREATE TABLE chats (
    bot_id     BIGINT  NOT NULL,
    chat_id    BIGINT  NOT NULL,
    active     INTEGER NOT NULL,
    reason     TEXT    NOT NULL,
    updated_at BIGINT  NOT NULL,
    PRIMARY KEY (bot_id, chat_id)
);

-- assistant: the user's message an inbox entry answers, so an edit of it finds its turn.
ALTER TABLE inbox ADD COLUMN message_id BIGINT;
CREATE INDEX inbox_by_message ON inbox (bot_id, chat_id, message_id);

-- assistant: the rolling summary of a conversation's older turns, and the last message it covers.
ALTER TABLE conversations ADD COLUMN summary TEXT;
ALTER TABLE conversations ADD COLUMN summary_upto INTEGER NOT NULL DEFAULT 0;
