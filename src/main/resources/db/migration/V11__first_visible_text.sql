-- console overview (issue 9): when the user first saw something of the answer, in milliseconds after the turn started
-- (the first draft or preview message shown, else the answer itself once written). Compared with first_token_ms it
-- shows the time Grokgram and Telegram add before anything is visible. NULL for turns recorded before this column and
-- for inline answers, which have no preview.
ALTER TABLE turn_usage ADD COLUMN first_visible_ms BIGINT;
