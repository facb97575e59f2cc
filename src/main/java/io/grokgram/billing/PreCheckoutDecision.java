package io.grokgram.billing;

import java.util.Objects;

/**
 * The answer to a pre-checkout query: take the money, or refuse with a reason. Billing says which reason; the words
 * the payer reads are the assistant's, in the payer's language.
 */
public sealed interface PreCheckoutDecision {

    record Accept() implements PreCheckoutDecision {}

    /** Why a checkout is refused, as far as the payer needs to know (and what they can do about it). */
    enum Reason {
        /** Zero or negative amount, or not the invoice's amount. */
        INVALID_INVOICE,
        /** Any currency but Telegram Stars. */
        STARS_ONLY,
        /** A payload this bot did not sign (or no longer accepts): ask for a new invoice. */
        INVOICE_EXPIRED,
        /** An invoice made for another user. */
        NOT_YOURS,
        /** The plan or pack is no longer offered. */
        OFFER_ENDED,
        /** The item's price is not the invoice's any more. */
        PRICE_CHANGED
    }

    /**
     * @param reason what the payer is told (answerPreCheckoutQuery's error_message, rendered in their language)
     * @param reasonForLog what the operator needs to know; may name the value that was wrong
     */
    record Refuse(Reason reason, String reasonForLog) implements PreCheckoutDecision {
        public Refuse {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(reasonForLog, "reasonForLog");
        }
    }
}
