package io.grokgram.billing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One user's account as an operator sees it: what {@code /subscribe} shows them ({@link Quote}), whether they are
 * blocked, and the plan an operator granted them (with who and until when), if any.
 */
public record Account(
        long userId,
        Quote quote,
        int usedToday,
        boolean blocked,
        Optional<String> grantedPlan,
        Optional<String> grantedBy,
        Optional<Instant> grantExpiresAt) {
    public Account {
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(grantedPlan, "grantedPlan");
        Objects.requireNonNull(grantedBy, "grantedBy");
        Objects.requireNonNull(grantExpiresAt, "grantExpiresAt");
    }
}
