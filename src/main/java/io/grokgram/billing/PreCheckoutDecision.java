package io.grokgram.billing;

import java.util.Objects;

/** The answer to a pre-checkout query: take the money, or refuse with a reason the user reads. */
public sealed interface PreCheckoutDecision {

    record Accept() implements PreCheckoutDecision {}

    /**
     * @param reasonForUser shown by Telegram (answerPreCheckoutQuery's error_message)
     * @param reasonForLog what the operator needs to know; may name the value that was wrong
     */
    record Refuse(String reasonForUser, String reasonForLog) implements PreCheckoutDecision {
        public Refuse {
            Objects.requireNonNull(reasonForUser, "reasonForUser");
            Objects.requireNonNull(reasonForLog, "reasonForLog");
        }
    }
}
