package io.grokgram.billing;

import io.grokgram.billing.RefundOutcome.Duplicate;
import io.grokgram.billing.RefundOutcome.Reversed;
import io.grokgram.billing.RefundOutcome.Unknown;
import io.grokgram.store.Tx;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Reverses a refunded payment, once per charge id: revokes what it bought (a subscription period still running ends
 * now; a pack's turns are taken back as far as they are unused) and books the negation of its receipt. Telegram refunds
 * Stars in full only, so the ledger always reverses the whole receipt.
 */
final class Refunds {
    /** A credited payment as the payments table keeps it. */
    record Paid(
            String chargeId,
            Optional<Long> userId,
            Payloads.Kind kind,
            String itemId,
            long totalAmount,
            int turns,
            Optional<Long> periodEnd,
            long paidAt) {}

    private final Plans plans;
    private final Subscriptions subscriptions;
    private final Quotas quotas;
    private final Ledger ledger;

    Refunds(Plans plans, Subscriptions subscriptions, Quotas quotas, Ledger ledger) {
        this.plans = Objects.requireNonNull(plans, "plans");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.quotas = Objects.requireNonNull(quotas, "quotas");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    static Optional<Paid> find(Tx tx, String chargeId) {
        return tx.queryOne(
                "SELECT charge_id, user_id, kind, item_id, total_amount, turns, period_end, paid_at FROM payments"
                        + " WHERE charge_id = ?",
                row -> new Paid(
                        row.getString("charge_id"),
                        row.optionalLong("user_id"),
                        Payloads.Kind.fromWord(row.getString("kind")),
                        row.getString("item_id"),
                        row.getLong("total_amount"),
                        row.getInt("turns"),
                        row.optionalLong("period_end"),
                        row.getLong("paid_at")),
                chargeId);
    }

    RefundOutcome reverse(Tx tx, String chargeId, long totalAmount, Instant now) {
        Optional<Paid> found = find(tx, chargeId);
        if (found.isEmpty()) {
            return new Unknown(chargeId);
        }
        int inserted = tx.update(
                "INSERT INTO refunds (charge_id, total_amount, refunded_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                chargeId,
                totalAmount,
                now.toEpochMilli());
        if (inserted == 0) {
            return new Duplicate(chargeId);
        }
        Paid paid = found.get();
        // a payment kept after its user erased their data has nobody to revoke from; the ledger is reversed all the
        // same
        paid.userId().ifPresent(user -> {
            switch (paid.kind()) {
                case SUBSCRIPTION -> {
                    if (paid.periodEnd().orElse(0L) > now.toEpochMilli()) {
                        subscriptions.endNow(tx, user, now);
                    }
                }
                case PACK -> quotas.removeExtra(tx, user, paid.turns(), now);
            }
        });
        long stars = ledger.refund(tx, chargeId, now.toEpochMilli());
        return new Reversed(chargeId, purchase(paid), stars);
    }

    /** What the payment bought, as configured now, or as recorded when the offer has changed since. */
    private Purchase purchase(Paid paid) {
        return switch (paid.kind()) {
            case SUBSCRIPTION -> plans.byId(paid.itemId()).orElse(plans.premium());
            case PACK ->
                plans.pack(paid.itemId())
                        .filter(pack -> pack.turns() == paid.turns())
                        .orElseGet(() -> new TurnPack(paid.itemId(), paid.turns(), paid.totalAmount()));
        };
    }
}
