package io.grokgram.billing;

import java.util.Objects;

/** What reversing a payment did. */
public sealed interface RefundOutcome {

    /** Reversed now: what was bought is revoked and {@code stars} are booked back out of the ledger. */
    record Reversed(String chargeId, Purchase purchase, long stars) implements RefundOutcome {
        public Reversed {
            Objects.requireNonNull(chargeId, "chargeId");
            Objects.requireNonNull(purchase, "purchase");
        }
    }

    /** This charge was reversed before: nothing was done. */
    record Duplicate(String chargeId) implements RefundOutcome {
        public Duplicate {
            Objects.requireNonNull(chargeId, "chargeId");
        }
    }

    /** No payment with this charge id was credited here. */
    record Unknown(String chargeId) implements RefundOutcome {
        public Unknown {
            Objects.requireNonNull(chargeId, "chargeId");
        }
    }
}
