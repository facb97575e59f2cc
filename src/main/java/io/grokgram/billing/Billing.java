package io.grokgram.billing;

import io.grokgram.billing.Admission.Admitted;
import io.grokgram.billing.Admission.Exhausted;
import io.grokgram.billing.Admission.Paused;
import io.grokgram.privacy.PersonalDataHolder;
import io.grokgram.store.Database;
import io.grokgram.store.Tx;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The billing room's façade: plans and quotas, Stars invoices, payments credited once per charge id, refunds, usage
 * metering, the spend cap, the revenue-share ledger and its settlement.
 *
 * <p>Promises: a turn is admitted only while the user's quota (or their purchased extra turns) lasts, atomically under
 * any concurrency on SQLite and PostgreSQL; a payment is credited at most once per {@code telegram_payment_charge_id}
 * and only when its signed payload, currency and amount match an invoice of ours; every Star is booked in a
 * double-entry ledger in the payment's own transaction. Refuses: foreign or tampered payloads, other currencies than
 * Stars, amounts that do not match. User ids are plain Telegram ids ({@code long}); this room knows nothing of the
 * Telegram client.
 */
public final class Billing {
    private static final Logger log = LoggerFactory.getLogger(Billing.class);
    private static final String PAYLOAD_KEY = "payload_key";

    private final Database database;
    private final Plans plans;
    private final BillingSettings settings;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Quotas quotas = new Quotas();
    private final Subscriptions subscriptions = new Subscriptions();
    private final AccountControls controls = new AccountControls();
    private final SpendCap spendCap;
    private final Metering metering;
    private final Checkout checkout;
    private final Refunds refunds;
    private final BillingData personalData;

    /**
     * Builds the room. Reads (or, on first start, creates) the payload key in the database when none is configured, so
     * every worker signs and checks invoices alike.
     */
    public Billing(Database database, Plans plans, BillingSettings settings, Clock clock, MeterRegistry metrics) {
        this.database = Objects.requireNonNull(database, "database");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.spendCap = new SpendCap(settings.monthlySpendCapNanoUsd(), settings.outOfCreditsPause());
        this.metering = new Metering(spendCap);
        Ledger ledger = new Ledger(settings.providerShareBasisPoints());
        this.checkout = new Checkout(plans, new Payloads(payloadKey()), subscriptions, quotas, ledger);
        this.refunds = new Refunds(plans, subscriptions, quotas, ledger);
        this.personalData = new BillingData(plans, subscriptions, quotas, clock::instant);
    }

    public Plans plans() {
        return plans;
    }

    public BillingSettings settings() {
        return settings;
    }

    /** The paid plan while the user's subscription runs (expires_at after now), else the free plan. */
    public Plan planOf(long userId) {
        checkUser(userId);
        Instant now = clock.instant();
        return database.inTransaction(tx -> planOf(tx, userId, now));
    }

    /**
     * Takes one turn for {@code userId} now: from today's quota (UTC day), else from their extra turns. While the spend
     * cap or a provider's lack of credits pauses free turns, a free user may still spend extra turns they bought.
     */
    public Admission admit(long userId) {
        checkUser(userId);
        Instant now = clock.instant();
        Admission admission = database.inTransaction(tx -> {
            if (controls.blocked(tx, userId)) {
                return new Admission.Blocked();
            }
            Plan plan = planOf(tx, userId, now);
            Optional<Instant> paused = spendCap.freeTurnsPausedUntil(tx, now).filter(until -> plan.free());
            int dailyLimit = paused.isPresent() ? 0 : plan.turnsPerDay();
            Optional<String> reservation = quotas.take(tx, userId, dailyLimit, now);
            if (reservation.isPresent()) {
                return new Admitted(plan, reservation.get());
            }
            return paused.<Admission>map(Paused::new)
                    .orElseGet(() -> new Exhausted(plan, UtcCalendar.startOfDay(UtcCalendar.day(now) + 1)));
        });
        String outcome = switch (admission) {
            case Admitted admitted -> "admitted";
            case Exhausted exhausted -> "exhausted";
            case Paused paused -> "paused";
            case Admission.Blocked blocked -> "blocked";
        };
        metrics.counter("grokgram_billing_admissions", "outcome", outcome).increment();
        return admission;
    }

    /**
     * Gives an admitted turn back: it never reached the provider, or the provider failed. Idempotent; a reservation
     * older than a few days is forgotten and its release does nothing.
     */
    public void release(String reservationId) {
        Objects.requireNonNull(reservationId, "reservationId");
        Instant now = clock.instant();
        database.useTransaction(tx -> quotas.release(tx, reservationId, now));
    }

    /** What {@code /subscribe} shows. */
    public Quote quote(long userId) {
        checkUser(userId);
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            Optional<Subscriptions.Current> subscription =
                    subscriptions.find(tx, userId).filter(current -> current.activeAt(now));
            Plan plan = planOf(tx, userId, now);
            long today = UtcCalendar.day(now);
            int left = Math.max(0, plan.turnsPerDay() - quotas.usedOn(tx, userId, today));
            return new Quote(
                    plan,
                    subscription.map(current -> Instant.ofEpochMilli(current.expiresAt())),
                    left,
                    quotas.extraTurns(tx, userId),
                    subscription.map(Subscriptions.Current::autoRenew).orElse(false),
                    UtcCalendar.startOfDay(today + 1));
        });
    }

    /** The payload of a subscription invoice (createInvoiceLink with subscription_period) for {@code userId}. */
    public String subscriptionPayload(long userId) {
        checkUser(userId);
        return checkout.subscriptionPayload(userId);
    }

    /** The payload of an invoice for the pack {@code packId}; an unknown pack is a programming error. */
    public String packPayload(long userId, String packId) {
        checkUser(userId);
        return checkout.packPayload(userId, packId);
    }

    /**
     * Answers a pre-checkout query: only a payload signed here, for this user, in Stars, for its own price which must
     * also be today's price. No database access, so it is answered well within Telegram's 10 seconds.
     */
    public PreCheckoutDecision preCheckout(long userId, String currency, long totalAmount, String payload) {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(payload, "payload");
        PreCheckoutDecision decision = checkout.preCheckout(userId, currency, totalAmount, payload);
        if (decision instanceof PreCheckoutDecision.Refuse refuse) {
            log.warn("pre-checkout refused for user {}: {}", userId, refuse.reasonForLog());
        }
        metrics.counter(
                        "grokgram_billing_pre_checkouts",
                        "outcome",
                        decision instanceof PreCheckoutDecision.Accept ? "accepted" : "refused")
                .increment();
        return decision;
    }

    /**
     * Credits a successful payment: in one transaction the payment row (unique by charge id: a replay is a {@code
     * Duplicate}), the subscription period or the pack's turns, and the ledger receipt. A payment that does not match an
     * invoice of ours is {@code Rejected}, logged as a warning with what the operator needs to refund it.
     */
    public PaymentOutcome credit(Payment payment) {
        Objects.requireNonNull(payment, "payment");
        Instant now = clock.instant();
        PaymentOutcome outcome = database.inTransaction(tx -> checkout.credit(tx, payment, now));
        switch (outcome) {
            case PaymentOutcome.Credited credited -> {
                log.info(
                        "payment {} credited: {} for {} Stars",
                        payment.chargeId(),
                        credited.purchase().id(),
                        payment.totalAmount());
                metrics.counter("grokgram_billing_stars", "kind", "receipt").increment(payment.totalAmount());
            }
            case PaymentOutcome.Duplicate duplicate -> log.info("payment {} was credited before", payment.chargeId());
            case PaymentOutcome.Rejected rejected ->
                // the user's money arrived but nothing was granted: the operator needs user and charge to refund it
                log.warn(
                        "payment {} of user {} ({} {}) not credited: {}; refund it with `grokgram payments refund"
                                + " --charge {}`",
                        payment.chargeId(),
                        payment.userId(),
                        payment.totalAmount(),
                        payment.currency(),
                        rejected.reason(),
                        payment.chargeId());
        }
        metrics.counter("grokgram_billing_payments", "outcome", name(outcome)).increment();
        return outcome;
    }

    /**
     * Reverses a refunded payment (a {@code refunded_payment} update, or the operator's refund): once per charge id,
     * revoking what it bought and booking the reversal. {@code totalAmount} is what Telegram says it refunded; Telegram
     * refunds in full, so the ledger reverses the whole receipt and a different amount is logged.
     */
    public RefundOutcome reverse(String chargeId, long totalAmount) {
        Objects.requireNonNull(chargeId, "chargeId");
        Instant now = clock.instant();
        RefundOutcome outcome = database.inTransaction(tx -> refunds.reverse(tx, chargeId, totalAmount, now));
        switch (outcome) {
            case RefundOutcome.Reversed reversed -> {
                log.info(
                        "payment {} refunded: {} Stars of {} reversed",
                        chargeId,
                        reversed.stars(),
                        reversed.purchase().id());
                if (reversed.stars() != totalAmount) {
                    log.warn(
                            "refund of {} says {} Stars, the payment was {}: the ledger reversed the payment in full",
                            chargeId,
                            totalAmount,
                            reversed.stars());
                }
                metrics.counter("grokgram_billing_stars", "kind", "refund").increment(reversed.stars());
            }
            case RefundOutcome.Duplicate duplicate -> log.info("payment {} was refunded before", chargeId);
            case RefundOutcome.Unknown unknown -> log.warn("refund of {}: no such payment was credited here", chargeId);
        }
        return outcome;
    }

    /**
     * Remembers a subscription update ({@code canceled}, {@code active}, {@code failed}): whether Telegram will renew.
     * A payload that is not this user's subscription invoice is ignored with a warning.
     */
    public void subscriptionState(long userId, String payload, String state) {
        checkUser(userId);
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(state, "state");
        Optional<Boolean> renews = switch (state) {
            case "active" -> Optional.of(true);
            case "canceled", "failed" -> Optional.of(false);
            default -> Optional.empty();
        };
        if (renews.isEmpty()) {
            log.warn("subscription update with unknown state '{}' ignored", state);
            return;
        }
        if (!checkout.isSubscriptionOf(payload, userId)) {
            log.warn(
                    "subscription update '{}' of user {} ignored: its payload is not their subscription invoice",
                    state,
                    userId);
            return;
        }
        Instant now = clock.instant();
        boolean known = database.inTransaction(tx -> subscriptions.autoRenew(tx, userId, renews.get(), now));
        if (!known) {
            log.info("subscription update '{}' for a user without a subscription on record", state);
        }
    }

    /** The charge id of the running subscription's latest payment: what editUserStarSubscription needs. */
    public Optional<String> activeChargeId(long userId) {
        checkUser(userId);
        Instant now = clock.instant();
        return database.inTransaction(tx -> subscriptions
                .find(tx, userId)
                .filter(current -> current.activeAt(now))
                .map(Subscriptions.Current::chargeId));
    }

    /**
     * Meters one turn's usage in a transaction of its own. Output is {@code completionTokens + reasoningTokens}: pass
     * them as the provider reported them (xAI does not count reasoning inside completion tokens).
     *
     * @param costNanoUsd empty when the model has no configured price
     */
    public void meter(
            long userId,
            String planId,
            String purpose,
            long promptTokens,
            long cachedTokens,
            long completionTokens,
            long reasoningTokens,
            Optional<Long> costNanoUsd) {
        Metering.Turn turn = new Metering.Turn(
                userId, planId, purpose, promptTokens, cachedTokens, completionTokens, reasoningTokens, costNanoUsd);
        database.useTransaction(tx -> metering.record(tx, turn, clock.instant()));
    }

    /**
     * A provider said its credits ran out: free turns pause for the configured time (paying users keep trying), and the
     * operator is told at error level, since only they can buy credits.
     */
    public void providerOutOfCredits() {
        Instant now = clock.instant();
        Instant until = database.inTransaction(tx -> spendCap.outOfCredits(tx, now));
        log.error("the model provider reports its credits ran out: free turns are paused until {}; buy credits", until);
        metrics.counter("grokgram_billing_out_of_credits").increment();
    }

    /** The settlement statement of {@code month} (UTC) from the ledger and metering. */
    public SettlementStatement settle(YearMonth month) {
        Objects.requireNonNull(month, "month");
        return database.inTransaction(tx -> Settlements.settle(tx, month, settings));
    }

    /** Per plan and pack for {@code month} (UTC): users, turns, revenue, provider cost and margin. */
    public BillingReport report(YearMonth month) {
        Objects.requireNonNull(month, "month");
        return database.inTransaction(tx -> Settlements.report(tx, month, plans, settings));
    }

    /** A credited payment by charge id, for the operator's refund command. */
    public Optional<PaymentRecord> payment(String chargeId) {
        Objects.requireNonNull(chargeId, "chargeId");
        return database.inTransaction(tx -> Refunds.find(tx, chargeId)
                .map(paid -> new PaymentRecord(
                        paid.chargeId(),
                        paid.userId(),
                        paid.kind().word(),
                        paid.itemId(),
                        paid.totalAmount(),
                        Instant.ofEpochMilli(paid.paidAt()),
                        tx.queryOne(
                                "SELECT refunded_at FROM refunds WHERE charge_id = ?",
                                row -> Instant.ofEpochMilli(row.getLong("refunded_at")),
                                chargeId))));
    }

    /** The operator's view of one user's account: plan, quota, block and granted plan. */
    public Account account(long userId) {
        checkUser(userId);
        Quote quote = quote(userId);
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            Optional<AccountControls.Grant> grant = controls.grant(tx, userId, now);
            return new Account(
                    userId,
                    quote,
                    quotas.usedOn(tx, userId, UtcCalendar.day(now)),
                    controls.blocked(tx, userId),
                    grant.map(AccountControls.Grant::planId),
                    grant.map(AccountControls.Grant::grantedBy),
                    grant.map(g -> Instant.ofEpochMilli(g.expiresAt())));
        });
    }

    /**
     * An operator gives {@code userId} plan {@code planId} until {@code until}: it wins over their subscription (or the
     * lack of one) until then. Refuses a plan id that is not configured.
     */
    public void grantPlan(long userId, String planId, Instant until, String by) {
        checkUser(userId);
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(until, "until");
        if (plans.byId(planId).isEmpty()) {
            throw new IllegalArgumentException("no plan '" + planId + "' is configured");
        }
        Instant now = clock.instant();
        if (!until.isAfter(now)) {
            throw new IllegalArgumentException("a granted plan must run past now, got until " + until);
        }
        database.useTransaction(tx -> controls.grant(tx, userId, planId, by, now, until));
        log.info("operator {} gave user {} plan {} until {}", by, userId, planId, until);
    }

    /** Ends an operator's grant: the user's plan is their subscription's again. */
    public void revokeGrant(long userId, String by) {
        checkUser(userId);
        database.useTransaction(tx -> controls.revokeGrant(tx, userId));
        log.info("operator {} ended the granted plan of user {}", by, userId);
    }

    /** Blocks or unblocks {@code userId}: a blocked user's turns are refused before any provider call. */
    public void setBlocked(long userId, boolean blocked, String by) {
        checkUser(userId);
        Objects.requireNonNull(by, "by");
        Instant now = clock.instant();
        database.useTransaction(tx -> {
            if (blocked) {
                controls.block(tx, userId, by, now);
            } else {
                controls.unblock(tx, userId);
            }
        });
        log.info("operator {} {} user {}", by, blocked ? "blocked" : "unblocked", userId);
    }

    /** Subscriptions running now, started in {@code month} and stopped renewing in {@code month} (UTC). */
    public SubscriptionFigures subscriptionFigures(YearMonth month) {
        Objects.requireNonNull(month, "month");
        long from = month.atDay(1)
                .atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant()
                .toEpochMilli();
        long to = month.plusMonths(1)
                .atDay(1)
                .atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant()
                .toEpochMilli();
        long now = clock.millis();
        return database.inTransaction(tx -> new SubscriptionFigures(
                month,
                count(tx, "SELECT COUNT(*) AS n FROM subscriptions WHERE expires_at > ?", now),
                count(tx, "SELECT COUNT(*) AS n FROM subscriptions WHERE started_at >= ? AND started_at < ?", from, to),
                count(
                        tx,
                        "SELECT COUNT(*) AS n FROM subscriptions WHERE auto_renew = 0 AND updated_at >= ?"
                                + " AND updated_at < ?",
                        from,
                        to)));
    }

    private static long count(Tx tx, String sql, Object... args) {
        return tx.queryOne(sql, row -> row.getLong("n"), args).orElse(0L);
    }

    /** Every ledger account's balance (Stars; debits positive): they sum to zero. */
    public Map<String, Long> balances() {
        return database.inTransaction(Ledger::balances);
    }

    /** Billing's part of {@code /mydata} and {@code /forget}. */
    public PersonalDataHolder personalData() {
        return personalData;
    }

    private Plan planOf(Tx tx, long userId, Instant now) {
        Optional<Plan> granted = controls.grant(tx, userId, now).flatMap(grant -> plans.byId(grant.planId()));
        if (granted.isPresent()) {
            return granted.get();
        }
        return subscriptions
                        .find(tx, userId)
                        .filter(current -> current.activeAt(now))
                        .isPresent()
                ? plans.premium()
                : plans.free();
    }

    private byte[] payloadKey() {
        if (settings.payloadKey().isPresent()) {
            return settings.payloadKey().get().getBytes(StandardCharsets.UTF_8);
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        long now = clock.millis();
        // two workers starting together both insert; the key keeps the first, and both read it back
        String stored = database.inTransaction(tx -> {
            tx.update(
                    "INSERT INTO billing_state (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    PAYLOAD_KEY,
                    Base64.getEncoder().encodeToString(fresh),
                    now);
            return tx.queryOne(
                            "SELECT value FROM billing_state WHERE name = ?",
                            row -> row.getString("value"),
                            PAYLOAD_KEY)
                    .orElseThrow();
        });
        return Base64.getDecoder().decode(stored);
    }

    private static String name(PaymentOutcome outcome) {
        return switch (outcome) {
            case PaymentOutcome.Credited credited -> "credited";
            case PaymentOutcome.Duplicate duplicate -> "duplicate";
            case PaymentOutcome.Rejected rejected -> "rejected";
        };
    }

    private static void checkUser(long userId) {
        if (userId <= 0) {
            throw new IllegalArgumentException("a Telegram user id must be positive, got " + userId);
        }
    }
}
