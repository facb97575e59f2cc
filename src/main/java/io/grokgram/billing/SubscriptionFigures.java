package io.grokgram.billing;

import java.time.YearMonth;
import java.util.Objects;

/**
 * Subscriptions for the operator's revenue page: running now, started in {@code month}, and stopped renewing in
 * {@code month} (cancelled or failed; they run to the end of the paid period).
 */
public record SubscriptionFigures(YearMonth month, long active, long started, long cancelled) {
    public SubscriptionFigures {
        Objects.requireNonNull(month, "month");
    }
}
