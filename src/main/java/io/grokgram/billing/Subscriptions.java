package io.grokgram.billing;

import io.grokgram.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Users' subscriptions to the paid plan: one row per user, paid up to {@code expires_at}. Extending never shortens
 * (a renewal delivered late or twice keeps the later expiry), and the update is one statement, so two payments of one
 * user credited at once both count.
 */
final class Subscriptions {
    /** Telegram's only subscription period (createInvoiceLink's subscription_period must be 2592000 seconds). */
    static final Duration PERIOD = Duration.ofDays(30);

    record Current(String planId, long startedAt, long expiresAt, String chargeId, boolean autoRenew) {
        boolean activeAt(Instant now) {
            return expiresAt > now.toEpochMilli();
        }
    }

    Optional<Current> find(Tx tx, long userId) {
        return tx.queryOne(
                "SELECT plan_id, started_at, expires_at, charge_id, auto_renew FROM subscriptions WHERE user_id = ?",
                row -> new Current(
                        row.getString("plan_id"),
                        row.getLong("started_at"),
                        row.getLong("expires_at"),
                        row.getString("charge_id"),
                        row.getInt("auto_renew") == 1),
                userId);
    }

    /**
     * Extends (or starts) {@code userId}'s subscription to {@code expires}, or by one period from the current expiry
     * (or from now) when Telegram did not say; returns the expiry this payment paid for.
     */
    long extend(Tx tx, long userId, String planId, String chargeId, Optional<Instant> expires, Instant now) {
        long at = now.toEpochMilli();
        long target = expires.map(Instant::toEpochMilli).orElseGet(() -> {
            long from = find(tx, userId)
                    .filter(current -> current.activeAt(now))
                    .map(Current::expiresAt)
                    .orElse(at);
            return from + PERIOD.toMillis();
        });
        int inserted = tx.update(
                "INSERT INTO subscriptions (user_id, plan_id, started_at, expires_at, charge_id, auto_renew, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT DO NOTHING",
                userId,
                planId,
                at,
                target,
                chargeId,
                at);
        if (inserted == 0) {
            // SET expressions see the row as it was: a lapsed subscription starts a new period now
            tx.update(
                    "UPDATE subscriptions SET plan_id = ?,"
                            + " started_at = CASE WHEN expires_at <= ? THEN ? ELSE started_at END,"
                            + " expires_at = CASE WHEN expires_at > ? THEN expires_at ELSE ? END,"
                            + " charge_id = ?, auto_renew = 1, updated_at = ? WHERE user_id = ?",
                    planId,
                    at,
                    at,
                    target,
                    target,
                    chargeId,
                    at,
                    userId);
        }
        return target;
    }

    /** Ends a subscription at once (its payment was refunded); Telegram does not renew a refunded subscription. */
    void endNow(Tx tx, long userId, Instant now) {
        long at = now.toEpochMilli();
        tx.update(
                "UPDATE subscriptions SET expires_at = ?, auto_renew = 0, updated_at = ? WHERE user_id = ?"
                        + " AND expires_at > ?",
                at,
                at,
                userId,
                at);
    }

    /** Remembers whether Telegram will renew the subscription; returns whether the user has one. */
    boolean autoRenew(Tx tx, long userId, boolean on, Instant now) {
        return tx.update(
                        "UPDATE subscriptions SET auto_renew = ?, updated_at = ? WHERE user_id = ?",
                        on ? 1 : 0,
                        now.toEpochMilli(),
                        userId)
                == 1;
    }
}
