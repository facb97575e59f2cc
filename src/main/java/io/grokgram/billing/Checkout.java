package io.grokgram.billing;

import io.grokgram.billing.Payloads.Kind;
import io.grokgram.billing.Payloads.Parsed;
import io.grokgram.billing.PaymentOutcome.Credited;
import io.grokgram.billing.PaymentOutcome.Duplicate;
import io.grokgram.billing.PaymentOutcome.Rejected;
import io.grokgram.billing.PreCheckoutDecision.Accept;
import io.grokgram.billing.PreCheckoutDecision.Reason;
import io.grokgram.billing.PreCheckoutDecision.Refuse;
import io.grokgram.store.Tx;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Invoices, pre-checkout and crediting. The pre-checkout answer is pure (no database): Telegram cancels a payment not
 * answered within 10 seconds. Crediting inserts the payment keyed by its charge id first, so a replayed or concurrently
 * delivered update hits the key and does nothing; the entitlement and the ledger receipt follow in the same
 * transaction.
 */
final class Checkout {
    /** Telegram Stars: the only currency for digital goods in bots. */
    static final String STARS = "XTR";

    private final Plans plans;
    private final Payloads payloads;
    private final Subscriptions subscriptions;
    private final Quotas quotas;
    private final Ledger ledger;

    Checkout(Plans plans, Payloads payloads, Subscriptions subscriptions, Quotas quotas, Ledger ledger) {
        this.plans = Objects.requireNonNull(plans, "plans");
        this.payloads = Objects.requireNonNull(payloads, "payloads");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.quotas = Objects.requireNonNull(quotas, "quotas");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    String subscriptionPayload(long userId) {
        return payloads.issue(
                Kind.SUBSCRIPTION, plans.premium().id(), plans.premium().starsPer30Days(), userId);
    }

    String packPayload(long userId, String packId) {
        TurnPack pack = plans.pack(packId)
                .orElseThrow(() -> new IllegalArgumentException("no pack is named " + packId + "; configured: "
                        + plans.packs().stream().map(TurnPack::id).toList()));
        return payloads.issue(Kind.PACK, pack.id(), pack.stars(), userId);
    }

    PreCheckoutDecision preCheckout(long userId, String currency, long totalAmount, String payload) {
        if (totalAmount <= 0) {
            return new Refuse(Reason.INVALID_INVOICE, "amount " + totalAmount + " is not positive");
        }
        if (!STARS.equals(currency)) {
            return new Refuse(Reason.STARS_ONLY, "currency " + currency + " is not " + STARS);
        }
        Parsed parsed;
        switch (payloads.read(payload)) {
            case Payloads.Invalid invalid -> {
                return new Refuse(Reason.INVOICE_EXPIRED, invalid.why());
            }
            case Payloads.Valid valid -> parsed = valid.payload();
        }
        if (parsed.userId() != userId) {
            return new Refuse(
                    Reason.NOT_YOURS, "the invoice was made for user " + parsed.userId() + ", paid by user " + userId);
        }
        if (totalAmount != parsed.stars()) {
            return new Refuse(
                    Reason.INVALID_INVOICE,
                    "amount " + totalAmount + " differs from the invoice's " + parsed.stars() + " Stars");
        }
        Optional<Purchase> item = offered(parsed);
        if (item.isEmpty()) {
            return new Refuse(
                    Reason.OFFER_ENDED, parsed.kind().word() + " " + parsed.itemId() + " is no longer offered");
        }
        if (item.get().stars() != parsed.stars()) {
            return new Refuse(
                    Reason.PRICE_CHANGED,
                    "the invoice's price " + parsed.stars() + " is not the current price "
                            + item.get().stars() + " of " + parsed.itemId());
        }
        return new Accept();
    }

    /**
     * Credits a payment inside {@code tx}. Renewals are checked against the price in their payload, not today's: a
     * subscriber keeps the price they subscribed at until they cancel.
     */
    PaymentOutcome credit(Tx tx, Payment payment, Instant now) {
        Parsed parsed;
        switch (check(payment)) {
            case Payloads.Invalid invalid -> {
                return new Rejected(invalid.why());
            }
            case Payloads.Valid valid -> parsed = valid.payload();
        }
        Optional<Purchase> item = offered(parsed);
        if (item.isEmpty()) {
            return new Rejected(parsed.kind().word() + " " + parsed.itemId() + " is no longer offered");
        }
        int turns = item.get() instanceof TurnPack pack ? pack.turns() : 0;
        int inserted = tx.update(
                "INSERT INTO payments (charge_id, user_id, kind, item_id, currency, total_amount, payload, recurring,"
                        + " turns, period_end, paid_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)"
                        + " ON CONFLICT DO NOTHING",
                payment.chargeId(),
                payment.userId(),
                parsed.kind().word(),
                parsed.itemId(),
                payment.currency(),
                payment.totalAmount(),
                parsed.stripped(),
                payment.recurring() ? 1 : 0,
                turns,
                now.toEpochMilli());
        if (inserted == 0) {
            return new Duplicate(payment.chargeId());
        }
        PaymentOutcome outcome = switch (item.get()) {
            case Plan plan -> {
                long until = subscriptions.extend(
                        tx, payment.userId(), plan.id(), payment.chargeId(), payment.subscriptionExpires(), now);
                tx.update("UPDATE payments SET period_end = ? WHERE charge_id = ?", until, payment.chargeId());
                long expires =
                        subscriptions.find(tx, payment.userId()).orElseThrow().expiresAt();
                yield new Credited(
                        plan, Optional.of(Instant.ofEpochMilli(expires)), quotas.extraTurns(tx, payment.userId()));
            }
            case TurnPack pack ->
                new Credited(pack, Optional.empty(), quotas.addExtra(tx, payment.userId(), pack.turns(), now));
        };
        ledger.receipt(tx, payment.chargeId(), parsed.itemId(), payment.totalAmount(), now.toEpochMilli());
        return outcome;
    }

    /** Whether {@code payload} is a subscription invoice made here for {@code userId}. */
    boolean isSubscriptionOf(String payload, long userId) {
        return payloads.read(payload) instanceof Payloads.Valid(Parsed parsed)
                && parsed.kind() == Kind.SUBSCRIPTION
                && parsed.userId() == userId;
    }

    /** The same checks as pre-checkout except today's price; a reason for each refusal. */
    private Payloads.Reading check(Payment payment) {
        if (payment.totalAmount() <= 0) {
            return new Payloads.Invalid("amount " + payment.totalAmount() + " is not positive");
        }
        if (!STARS.equals(payment.currency())) {
            return new Payloads.Invalid("currency " + payment.currency() + " is not " + STARS);
        }
        Payloads.Reading reading = payloads.read(payment.payload());
        if (reading instanceof Payloads.Valid(Parsed parsed)) {
            if (parsed.userId() != payment.userId()) {
                return new Payloads.Invalid(
                        "the invoice was made for user " + parsed.userId() + ", paid by user " + payment.userId());
            }
            if (parsed.stars() != payment.totalAmount()) {
                return new Payloads.Invalid(
                        "amount " + payment.totalAmount() + " differs from the invoice's " + parsed.stars() + " Stars");
            }
        }
        return reading;
    }

    /** What the payload names, if it is still on offer: the paid plan for a subscription, a configured pack. */
    private Optional<Purchase> offered(Parsed parsed) {
        return switch (parsed.kind()) {
            case SUBSCRIPTION ->
                plans.premium().id().equals(parsed.itemId()) ? Optional.of(plans.premium()) : Optional.empty();
            case PACK -> plans.pack(parsed.itemId()).map(Purchase.class::cast);
        };
    }
}
