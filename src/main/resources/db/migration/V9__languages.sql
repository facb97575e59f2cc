-- i18n (issue 10).
-- Which text of the consent a user read: the version of that language's consent and privacy texts (the bundle's
-- consent.text.version), beside the language already recorded. 0: recorded before texts carried a version.
ALTER TABLE consents ADD COLUMN text_version INTEGER NOT NULL DEFAULT 0;

-- The language chosen with /language: by a user for their private chat (chat_id is then the user's id, so erasure
-- finds it), or by a group's admins for the group. Without a row the user's Telegram language_code decides.
CREATE TABLE language_choices (
    bot_id     BIGINT NOT NULL,
    chat_id    BIGINT NOT NULL,
    language   TEXT   NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (bot_id, chat_id)
);
