package io.grokgram.billing;

import java.time.Instant;
import java.util.Objects;

/** Whether a user may have a turn now: checked before any provider call. */
public sealed interface Admission {

    /**
     * A turn was taken from the user's quota (or their extra turns). Give it back with {@link Billing#release} when the
     * turn never reached the provider or the provider failed.
     */
    record Admitted(Plan plan, String reservationId) implements Admission {
        public Admitted {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(reservationId, "reservationId");
        }
    }

    /** The day's quota is used up and no extra turns are left; it renews at {@code resetsAt} (UTC midnight). */
    record Exhausted(Plan plan, Instant resetsAt) implements Admission {
        public Exhausted {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(resetsAt, "resetsAt");
        }
    }

    /** An operator blocked the user: they get a polite refusal and nothing reaches a provider. */
    record Blocked() implements Admission {}

    /**
     * Free turns are paused until {@code until}: the month's provider spend cap was reached, or the provider ran out
     * of credits. Paying users keep their service.
     */
    record Paused(Instant until) implements Admission {
        public Paused {
            Objects.requireNonNull(until, "until");
        }
    }
}
