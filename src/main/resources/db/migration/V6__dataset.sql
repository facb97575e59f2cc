-- Grokgram schema, version 6: feedback under answers (thumbs, regenerations, the answer a user kept), the raw material
-- of the training dataset's preference pairs. Portable SQL for SQLite and PostgreSQL. A turn is (bot_id, update_id),
-- the update that asked; answer_index 0 is its first answer (in conversation_messages), 1.. its regenerations.

-- assistant: answers a turn got again (the regenerate button). content is sealed with the user's key like every
-- message; source_index is the answer whose button asked for it, unique, so a double tap regenerates once.
CREATE TABLE turn_answers (
    bot_id       BIGINT  NOT NULL,
    update_id    BIGINT  NOT NULL,
    answer_index INTEGER NOT NULL,
    source_index INTEGER NOT NULL,
    user_id      BIGINT  NOT NULL,
    content      TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    PRIMARY KEY (bot_id, update_id, answer_index),
    UNIQUE (bot_id, update_id, source_index)
);
CREATE INDEX turn_answers_by_user ON turn_answers (user_id);

-- assistant: the asker's thumbs on each answer of a turn (rating 1 up, -1 down); the newest press replaces the older.
CREATE TABLE turn_ratings (
    bot_id       BIGINT  NOT NULL,
    update_id    BIGINT  NOT NULL,
    answer_index INTEGER NOT NULL,
    user_id      BIGINT  NOT NULL,
    rating       INTEGER NOT NULL,
    updated_at   BIGINT  NOT NULL,
    PRIMARY KEY (bot_id, update_id, answer_index)
);
CREATE INDEX turn_ratings_by_user ON turn_ratings (user_id);

-- assistant: the answer the asker kept among a turn's answers ("keep this one"); the newest choice replaces the older.
CREATE TABLE turn_choices (
    bot_id       BIGINT  NOT NULL,
    update_id    BIGINT  NOT NULL,
    answer_index INTEGER NOT NULL,
    user_id      BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    PRIMARY KEY (bot_id, update_id)
);
CREATE INDEX turn_choices_by_user ON turn_choices (user_id);
