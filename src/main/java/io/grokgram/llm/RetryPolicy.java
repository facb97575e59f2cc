package io.grokgram.llm;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How often one route is tried, and how long to pause between two attempts: the provider's {@code Retry-After} when it
 * gave one, else exponential back-off from {@code initialBackoff} (1 s, 2 s, 4 s … as xAI recommends) with ±20 %
 * jitter, so callers turned away together do not come back together. No pause exceeds {@code maxWait}.
 *
 * @param attempts calls per route, the first included: 1 never retries
 * @param initialBackoff the pause before the first retry when the provider did not say
 * @param maxWait the longest pause; a provider asking for more is left for the next route
 */
public record RetryPolicy(int attempts, Duration initialBackoff, Duration maxWait) {
    private static final double BACKOFF_JITTER = 0.2;
    private static final double RETRY_AFTER_JITTER = 0.1;

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("a route needs at least one attempt, got " + attempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxWait, "maxWait");
        if (initialBackoff.isNegative() || maxWait.isNegative()) {
            throw new IllegalArgumentException(
                    "back-off and maximum wait must not be negative, got " + initialBackoff + " and " + maxWait);
        }
    }

    /**
     * The pause before retry number {@code retry} (1 for the first), or empty when the provider asked for a longer
     * pause than {@code maxWait}.
     *
     * @param random a number in [0, 1) that places the pause within its jitter
     */
    Optional<Duration> pause(int retry, Optional<Duration> retryAfter, double random) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            if (asked.compareTo(maxWait) > 0) {
                return Optional.empty();
            }
            // Retry-After counts whole seconds: everyone told "1" at once would return at once, so add a little.
            return Optional.of(atMostMaxWait(scale(asked, 1 + RETRY_AFTER_JITTER * random)));
        }
        Duration base = atMostMaxWait(initialBackoff.multipliedBy(1L << Math.min(retry - 1, 20)));
        return Optional.of(atMostMaxWait(scale(base, 1 - BACKOFF_JITTER + 2 * BACKOFF_JITTER * random)));
    }

    private Duration atMostMaxWait(Duration pause) {
        return pause.compareTo(maxWait) > 0 ? maxWait : pause;
    }

    private static Duration scale(Duration duration, double factor) {
        return Duration.ofNanos(Math.round(Math.min(duration.toNanos() * factor, (double) Long.MAX_VALUE)));
    }
}
