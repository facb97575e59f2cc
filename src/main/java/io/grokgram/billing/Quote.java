package io.grokgram.billing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code /subscribe} shows a user: their plan, until when it is paid (Premium only), turns left today, purchased
 * extra turns, whether Telegram renews the subscription, and when the daily quota renews.
 */
public record Quote(
        Plan plan,
        Optional<Instant> expiresAt,
        int turnsLeftToday,
        int extraTurns,
        boolean autoRenew,
        Instant quotaResetsAt) {
    public Quote {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(quotaResetsAt, "quotaResetsAt");
    }
}
