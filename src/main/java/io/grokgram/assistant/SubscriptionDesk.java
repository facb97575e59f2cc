package io.grokgram.assistant;

import io.grokgram.billing.Admission;
import io.grokgram.billing.Billing;
import io.grokgram.billing.PaymentOutcome;
import io.grokgram.billing.Plan;
import io.grokgram.billing.PreCheckoutDecision;
import io.grokgram.billing.Quote;
import io.grokgram.billing.RefundOutcome;
import io.grokgram.billing.TurnPack;
import io.grokgram.telegram.Invoice;
import io.grokgram.telegram.Keyboard;
import io.grokgram.telegram.Outbound;
import io.grokgram.telegram.TelegramException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The money side as users meet it in the chat: {@code /subscribe} (the plan, what is left today, the Premium
 * subscription as a Stars invoice link, packs of extra turns, cancelling renewal), the upgrade message when the quota
 * runs out, {@code /paysupport} and {@code /terms}, and the replies to payments and refunds. The money itself belongs
 * to the {@code billing} room; this class only words it and offers the buttons.
 */
final class SubscriptionDesk {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionDesk.class);
    static final String PACK_PREFIX = "b:pack:";
    static final String CANCEL_RENEWAL = "b:cancel";
    static final String RESUME_RENEWAL = "b:resume";
    /** Telegram's only subscription period: 30 days, in seconds. */
    private static final int THIRTY_DAYS = 2_592_000;
    /** The longest pre-checkout refusal sent (see {@link #refusal}). */
    static final int REFUSAL_LIMIT = 200;

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Billing billing;
    private final Outbound outbound;
    private final Texts texts;
    private final TurnLanguage language;

    SubscriptionDesk(Billing billing, Outbound outbound, Texts texts, TurnLanguage language) {
        this.billing = billing;
        this.outbound = outbound;
        this.texts = texts;
        this.language = java.util.Objects.requireNonNull(language, "language");
    }

    /** {@code /subscribe}: where the user stands and what they can buy. */
    Reply subscribe(long user) {
        Quote quote = billing.quote(user);
        StringBuilder text = new StringBuilder(texts.text("subscribe.title")).append("\n\n");
        if (quote.plan().starsPer30Days() > 0) {
            text.append(texts.text(
                    quote.autoRenew() ? "subscribe.premium.renewing" : "subscribe.premium.ending",
                    quote.plan().title(),
                    quote.expiresAt().map(WHEN::format).orElse("?")));
        } else {
            text.append(texts.text("subscribe.free", quote.plan().title()));
        }
        text.append("\n").append(texts.text("subscribe.left", quote.turnsLeftToday(), quote.extraTurns()));
        Plan premium = billing.plans().premium();
        text.append("\n\n")
                .append(texts.text(
                        "subscribe.offer",
                        premium.title(),
                        premium.starsPer30Days(),
                        premium.turnsPerDay(),
                        premium.model()));
        List<List<Keyboard.Button>> rows = new ArrayList<>();
        if (quote.plan().starsPer30Days() == 0) {
            subscriptionButton(user).ifPresent(button -> rows.add(List.of(button)));
        } else if (quote.autoRenew()) {
            rows.add(List.of(new Keyboard.Callback(texts.text("subscribe.cancel"), CANCEL_RENEWAL)));
        } else {
            rows.add(List.of(new Keyboard.Callback(texts.text("subscribe.resume"), RESUME_RENEWAL)));
        }
        for (TurnPack pack : billing.plans().packs()) {
            rows.add(List.of(new Keyboard.Callback(
                    texts.text("subscribe.pack", pack.turns(), pack.stars()), PACK_PREFIX + pack.id())));
        }
        text.append("\n\n").append(texts.text("subscribe.terms"));
        return new Reply(text.toString(), new Keyboard(rows));
    }

    /** The message when the quota ran out: when it resets, and the way to upgrade. Never silence. */
    Reply exhausted(long user, Admission.Exhausted exhausted) {
        String text = texts.text("quota.exhausted", exhausted.plan().title(), WHEN.format(exhausted.resetsAt()));
        List<List<Keyboard.Button>> rows = new ArrayList<>();
        if (exhausted.plan().starsPer30Days() == 0) {
            subscriptionButton(user).ifPresent(button -> rows.add(List.of(button)));
        }
        billing.plans()
                .packs()
                .forEach(pack -> rows.add(List.of(new Keyboard.Callback(
                        texts.text("subscribe.pack", pack.turns(), pack.stars()), PACK_PREFIX + pack.id()))));
        return new Reply(text, new Keyboard(rows));
    }

    Reply paused(Admission.Paused paused) {
        return Reply.text(texts.text("quota.paused", WHEN.format(paused.until())));
    }

    /** A pack's invoice, sent into the chat when its button is pressed. */
    void sendPackInvoice(io.grokgram.telegram.ChatId chat, long user, String packId) {
        TurnPack pack =
                billing.plans().pack(packId).orElseThrow(() -> new IllegalArgumentException("no pack " + packId));
        outbound.sendInvoice(
                chat,
                new Invoice(
                        texts.text("invoice.pack.title", pack.turns()),
                        texts.text("invoice.pack.description", pack.turns()),
                        billing.packPayload(user, pack.id()),
                        pack.stars(),
                        OptionalInt.empty()));
    }

    /** Stops or resumes the automatic renewal of the user's subscription (it stays active to the end of the period). */
    String setRenewal(long user, boolean renew) {
        return billing.activeChargeId(user)
                .map(charge -> {
                    outbound.editStarSubscription(new io.grokgram.telegram.UserId(user), charge, !renew);
                    billing.subscriptionState(user, "", renew ? "active" : "canceled");
                    return texts.text(renew ? "subscribe.resumed" : "subscribe.cancelled");
                })
                .orElse(texts.text("subscribe.none"));
    }

    /** Before erasure: Telegram would otherwise keep charging for a subscription nobody can be linked to. */
    void stopRenewalBeforeErasure(long user) {
        billing.activeChargeId(user).ifPresent(charge -> {
            try {
                outbound.editStarSubscription(new io.grokgram.telegram.UserId(user), charge, true);
            } catch (TelegramException e) {
                log.warn("could not stop the renewal of a subscription before erasing its user: {}", e.getMessage());
            }
        });
    }

    String paid(PaymentOutcome outcome) {
        return switch (outcome) {
            case PaymentOutcome.Credited credited ->
                credited.purchase() instanceof TurnPack pack
                        ? texts.text("payment.credited.pack", pack.turns(), credited.extraTurns())
                        : texts.text(
                                "payment.credited",
                                ((Plan) credited.purchase()).title(),
                                credited.until().map(WHEN::format).orElse("-"));
            case PaymentOutcome.Duplicate duplicate -> "";
            case PaymentOutcome.Rejected rejected -> texts.text("payment.rejected");
        };
    }

    String refunded(RefundOutcome outcome) {
        return switch (outcome) {
            case RefundOutcome.Reversed reversed -> texts.text("payment.refunded", reversed.stars());
            case RefundOutcome.Duplicate already -> "";
            case RefundOutcome.Unknown unknown -> texts.text("payment.refund.unknown");
        };
    }

    private java.util.Optional<Keyboard.Button> subscriptionButton(long user) {
        Plan premium = billing.plans().premium();
        try {
            String link = outbound.createInvoiceLink(new Invoice(
                    texts.text("invoice.premium.title", premium.title()),
                    texts.text("invoice.premium.description", premium.turnsPerDay()),
                    billing.subscriptionPayload(user),
                    premium.starsPer30Days(),
                    OptionalInt.of(THIRTY_DAYS)));
            return java.util.Optional.of(
                    new Keyboard.Url(texts.text("subscribe.button", premium.title(), premium.starsPer30Days()), link));
        } catch (TelegramException e) {
            log.warn("could not create the subscription invoice link: {}", e.getMessage());
            return java.util.Optional.empty();
        }
    }

    /**
     * Answers a pre-checkout query at once (Telegram waits ten seconds, then drops the payment): accepted only for a
     * payload this bot made for this user at today's price.
     */
    void preCheckout(io.grokgram.telegram.InboundUpdate.PreCheckout query) {
        java.util.Optional<String> refusal = switch (billing.preCheckout(
                query.from().id().value(), query.currency(), query.totalAmount(), query.payload())) {
            case PreCheckoutDecision.Accept accept -> java.util.Optional.empty();
            case PreCheckoutDecision.Refuse refuse -> {
                log.warn("pre-checkout {} refused: {}", query.queryId(), refuse.reasonForLog());
                yield java.util.Optional.of(refusal(language.of(query), refuse.reason()));
            }
        };
        try {
            outbound.answerPreCheckout(query.queryId(), refusal);
        } catch (TelegramException e) {
            log.warn("pre-checkout {} could not be answered (too late?): {}", query.queryId(), e.getMessage());
        }
    }

    /**
     * What Telegram shows the payer of a refused checkout, in their language. Telegram documents no length for {@code
     * error_message}; the bundles keep it under {@link #REFUSAL_LIMIT}, the limit of its other pop-up (a callback
     * query's alert), and a longer text is cut there rather than risk the answer being refused after the ten seconds.
     */
    String refusal(Language language, PreCheckoutDecision.Reason reason) {
        String key = switch (reason) {
            case INVALID_INVOICE -> "precheckout.invalid";
            case STARS_ONLY -> "precheckout.stars.only";
            case INVOICE_EXPIRED -> "precheckout.expired";
            case NOT_YOURS -> "precheckout.not.yours";
            case OFFER_ENDED -> "precheckout.offer.ended";
            case PRICE_CHANGED -> "precheckout.price.changed";
        };
        String text = texts.text(language, key);
        if (text.length() > REFUSAL_LIMIT) {
            log.warn("the {} text of {} is longer than {} characters; it is cut", language, key, REFUSAL_LIMIT);
            return text.substring(0, REFUSAL_LIMIT - 1) + "…";
        }
        return text;
    }

    static String when(Instant at) {
        return WHEN.format(at);
    }
}
