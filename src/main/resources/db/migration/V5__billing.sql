-- Grokgram schema, version 5: billing. Plans and quotas, Stars payments and refunds, usage metering and the
-- revenue-share ledger. Portable SQL for SQLite and PostgreSQL: epoch-millisecond BIGINT times, UTC day numbers
-- (days since 1970-01-01), integer amounts (Stars, nano-dollars), no booleans.

-- billing: turns taken from a user's daily quota, per UTC day. Taken by a conditional UPDATE (used < limit), so
-- concurrent turns of one user can never take more than the plan allows.
CREATE TABLE quota_usage (
    user_id BIGINT  NOT NULL,
    day     BIGINT  NOT NULL,
    used    INTEGER NOT NULL,
    PRIMARY KEY (user_id, day)
);

-- billing: purchased extra turns not yet used; spent once the day's quota is.
CREATE TABLE extra_turns (
    user_id    BIGINT  NOT NULL PRIMARY KEY,
    turns      INTEGER NOT NULL,
    updated_at BIGINT  NOT NULL
);

-- billing: each turn taken, so it can be given back exactly once (source: daily or extra; state: taken or released).
-- Kept a few days, then pruned.
CREATE TABLE quota_reservations (
    reservation_id TEXT   NOT NULL PRIMARY KEY,
    user_id        BIGINT NOT NULL,
    day            BIGINT NOT NULL,
    source         TEXT   NOT NULL,
    state          TEXT   NOT NULL,
    created_at     BIGINT NOT NULL
);
CREATE INDEX quota_reservations_by_user ON quota_reservations (user_id, created_at);

-- billing: a user's Premium subscription: paid up to expires_at; charge_id is the latest payment (what
-- editUserStarSubscription names); auto_renew 1 while Telegram will charge the next period.
CREATE TABLE subscriptions (
    user_id    BIGINT  NOT NULL PRIMARY KEY,
    plan_id    TEXT    NOT NULL,
    started_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL,
    charge_id  TEXT    NOT NULL,
    auto_renew INTEGER NOT NULL,
    updated_at BIGINT  NOT NULL
);

-- billing: every Stars payment, once per Telegram charge id (a replayed update hits the key and does nothing).
-- Kept for the law after the user erases their data: user_id becomes NULL, and the invoice payload is never stored
-- with its user part (payload keeps kind, item and price only).
CREATE TABLE payments (
    charge_id    TEXT    NOT NULL PRIMARY KEY,
    user_id      BIGINT,
    kind         TEXT    NOT NULL,
    item_id      TEXT    NOT NULL,
    currency     TEXT    NOT NULL,
    total_amount BIGINT  NOT NULL,
    payload      TEXT    NOT NULL,
    recurring    INTEGER NOT NULL,
    turns        INTEGER NOT NULL,
    period_end   BIGINT,
    paid_at      BIGINT  NOT NULL
);
CREATE INDEX payments_by_user ON payments (user_id);

-- billing: every refund, once per charge id.
CREATE TABLE refunds (
    charge_id    TEXT   NOT NULL PRIMARY KEY,
    total_amount BIGINT NOT NULL,
    refunded_at  BIGINT NOT NULL
);

-- billing: the double-entry ledger, append-only (rows are never updated or deleted). A transaction is a receipt or a
-- refund of one charge; its postings sum to zero. amount is in Stars: debits positive, credits negative.
CREATE TABLE ledger_transactions (
    tx_id     TEXT   NOT NULL PRIMARY KEY,
    kind      TEXT   NOT NULL,
    charge_id TEXT   NOT NULL,
    item_id   TEXT   NOT NULL,
    booked_at BIGINT NOT NULL
);
CREATE INDEX ledger_transactions_by_time ON ledger_transactions (booked_at, tx_id);

CREATE TABLE ledger_postings (
    tx_id   TEXT    NOT NULL,
    line    INTEGER NOT NULL,
    account TEXT    NOT NULL,
    amount  BIGINT  NOT NULL,
    PRIMARY KEY (tx_id, line)
);

-- billing: usage per user, plan, UTC day and purpose, added up turn by turn. user_id 0 holds the usage of users who
-- erased their data (the totals still count for settlement and the spend cap).
CREATE TABLE usage_meter (
    user_id           BIGINT  NOT NULL,
    plan_id           TEXT    NOT NULL,
    day               BIGINT  NOT NULL,
    purpose           TEXT    NOT NULL,
    turns             INTEGER NOT NULL,
    prompt_tokens     BIGINT  NOT NULL,
    cached_tokens     BIGINT  NOT NULL,
    completion_tokens BIGINT  NOT NULL,
    reasoning_tokens  BIGINT  NOT NULL,
    cost_nano_usd     BIGINT  NOT NULL,
    unpriced_turns    INTEGER NOT NULL,
    PRIMARY KEY (user_id, plan_id, day, purpose)
);
CREATE INDEX usage_meter_by_day ON usage_meter (day);

-- billing: provider cost per UTC month ('2026-11'), read by every Free turn for the spend cap; warned is 1 once the
-- operator was told the month passed 80 % of the cap.
CREATE TABLE provider_spend (
    month         TEXT    NOT NULL PRIMARY KEY,
    cost_nano_usd BIGINT  NOT NULL,
    warned        INTEGER NOT NULL
);

-- billing: small state shared by every worker: the invoice payload key (when none is configured), the pause after a
-- provider ran out of credits.
CREATE TABLE billing_state (
    name       TEXT   NOT NULL PRIMARY KEY,
    value      TEXT   NOT NULL,
    updated_at BIGINT NOT NULL
);
