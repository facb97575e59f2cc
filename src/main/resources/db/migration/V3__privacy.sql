-- Grokgram schema, version 3: the privacy room. Portable SQL for SQLite and PostgreSQL.
-- Times are epoch milliseconds (BIGINT); flags are INTEGER 0/1.

-- privacy: each user's random pseudonym, the only user id a provider or an audit record ever sees. It is drawn at
-- random (not derived from the Telegram id), so deleting this row makes every audit record of the user unlinkable.
CREATE TABLE pseudonyms (
    user_id    BIGINT NOT NULL PRIMARY KEY,
    pseudonym  TEXT   NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

-- privacy: every consent given or withdrawn, appended, never changed; the newest row of a kind is the one in force.
-- seq numbers each user's records in order (times can tie; a sequence per user means writers for different users
-- never compete for a number); kind is SERVICE or TRAINING.
CREATE TABLE consents (
    id             TEXT    NOT NULL PRIMARY KEY,
    user_id        BIGINT  NOT NULL,
    seq            INTEGER NOT NULL,
    kind           TEXT    NOT NULL,
    granted        INTEGER NOT NULL,
    policy_version INTEGER NOT NULL,
    language       TEXT    NOT NULL,
    recorded_at    BIGINT  NOT NULL,
    UNIQUE (user_id, seq)
);

-- privacy: a user's content key (a Tink AES-256-GCM keyset), encrypted with the operator's master key and bound to
-- the user id. Deleting the row is crypto-shredding: what was sealed with it can never be opened again.
CREATE TABLE user_keys (
    user_id        BIGINT NOT NULL PRIMARY KEY,
    wrapped_keyset TEXT   NOT NULL,
    created_at     BIGINT NOT NULL
);

-- privacy: one row per request to a provider, committed before the request leaves. Append-only: never updated or
-- deleted, erasure included. It holds no content and no Telegram id, only the pseudonym (unlinkable once its
-- pseudonyms row is deleted). messages and withheld are JSON lists of {ref, origin}; redactions a JSON object of
-- counts per detector; retention_statement names the provider statement in force, zero_data_retention the
-- operator's setting (1 = arranged) at the time.
CREATE TABLE audit_requests (
    id                  TEXT    NOT NULL PRIMARY KEY,
    sent_at             BIGINT  NOT NULL,
    pseudonym           TEXT    NOT NULL,
    conversation_id     TEXT    NOT NULL,
    purpose             TEXT    NOT NULL,
    provider            TEXT    NOT NULL,
    model               TEXT    NOT NULL,
    messages            TEXT    NOT NULL,
    withheld            TEXT    NOT NULL,
    payload_sha256      TEXT    NOT NULL,
    payload_bytes       BIGINT  NOT NULL,
    redactions          TEXT    NOT NULL,
    retention_statement TEXT    NOT NULL,
    zero_data_retention INTEGER NOT NULL,
    policy_version      INTEGER NOT NULL
);
CREATE INDEX audit_requests_by_pseudonym ON audit_requests (pseudonym, sent_at);

-- privacy: how each audited request ended, appended after the answer (or the failure). zero_data_retention is the
-- provider's x-zero-data-retention response header as received: true, false or unknown; status is ok, failed or
-- cancelled; detail the finish reason or the kind of failure.
CREATE TABLE audit_outcomes (
    request_id          TEXT   NOT NULL PRIMARY KEY,
    received_at         BIGINT NOT NULL,
    zero_data_retention TEXT   NOT NULL,
    status              TEXT   NOT NULL,
    detail              TEXT   NOT NULL
);
