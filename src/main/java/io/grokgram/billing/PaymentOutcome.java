package io.grokgram.billing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What crediting a payment did. */
public sealed interface PaymentOutcome {

    /**
     * Credited now: a subscription (paid {@code until}) or a pack (the user now has {@code extraTurns} extra turns).
     *
     * @param until the subscription's new expiry; empty for a pack
     * @param extraTurns the user's extra turns after this payment
     */
    record Credited(Purchase purchase, Optional<Instant> until, int extraTurns) implements PaymentOutcome {
        public Credited {
            Objects.requireNonNull(purchase, "purchase");
            Objects.requireNonNull(until, "until");
        }
    }

    /** This charge was credited before (a replayed or concurrently delivered update): nothing was done. */
    record Duplicate(String chargeId) implements PaymentOutcome {
        public Duplicate {
            Objects.requireNonNull(chargeId, "chargeId");
        }
    }

    /**
     * Nothing was credited: the payment does not match an invoice of ours (tampered payload, another user, not Stars,
     * a wrong amount). Logged as a warning; the operator may have to refund it.
     */
    record Rejected(String reason) implements PaymentOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
