package io.grokgram.billing;

import io.grokgram.store.Tx;
import java.time.Instant;
import java.util.Optional;

/**
 * What operators decide about one user's account: a block (turns refused before any provider call) and a granted
 * plan that wins over the subscription until it expires. Both are rows of their own, so a subscription's payments and
 * renewals never overwrite an operator's decision, nor the other way round.
 */
final class AccountControls {
    record Grant(String planId, String grantedBy, long expiresAt) {}

    boolean blocked(Tx tx, long userId) {
        return tx.queryOne("SELECT user_id FROM account_blocks WHERE user_id = ?", row -> true, userId)
                .isPresent();
    }

    void block(Tx tx, long userId, String by, Instant now) {
        tx.update(
                "INSERT INTO account_blocks (user_id, blocked_by, blocked_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                userId,
                by,
                now.toEpochMilli());
    }

    void unblock(Tx tx, long userId) {
        tx.update("DELETE FROM account_blocks WHERE user_id = ?", userId);
    }

    Optional<Grant> grant(Tx tx, long userId, Instant now) {
        return tx.queryOne(
                "SELECT plan_id, granted_by, expires_at FROM plan_grants WHERE user_id = ? AND expires_at > ?",
                row -> new Grant(row.getString("plan_id"), row.getString("granted_by"), row.getLong("expires_at")),
                userId,
                now.toEpochMilli());
    }

    void grant(Tx tx, long userId, String planId, String by, Instant now, Instant until) {
        tx.update("DELETE FROM plan_grants WHERE user_id = ?", userId);
        tx.update(
                "INSERT INTO plan_grants (user_id, plan_id, granted_by, granted_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                userId,
                planId,
                by,
                now.toEpochMilli(),
                until.toEpochMilli());
    }

    void revokeGrant(Tx tx, long userId) {
        tx.update("DELETE FROM plan_grants WHERE user_id = ?", userId);
    }
}
