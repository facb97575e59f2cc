package io.grokgram.assistant;

import io.github.bucket4j.Bucket;
import io.grokgram.telegram.UserId;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A per-user limit on messages that start turns, so one user (or a script with their account) cannot queue provider
 * calls without end. Over the limit, the user is told once per window to slow down and further messages are dropped.
 */
final class FloodGuard {

    /** What to do with a user's message. */
    enum Verdict {
        ACCEPT,
        WARN,
        DROP
    }

    private final int perMinute;
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<Long, Long> warnedAtNanos = new ConcurrentHashMap<>();

    FloodGuard(int perMinute) {
        if (perMinute <= 0) {
            throw new IllegalArgumentException("flood limit must be positive");
        }
        this.perMinute = perMinute;
    }

    Verdict check(UserId user) {
        if (buckets.size() > 100_000) {
            forgetIdle();
        }
        Bucket bucket = buckets.computeIfAbsent(
                user.value(),
                id -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                        .build());
        if (bucket.tryConsume(1)) {
            return Verdict.ACCEPT;
        }
        long now = System.nanoTime();
        Long warned = warnedAtNanos.get(user.value());
        if (warned != null && now - warned < Duration.ofMinutes(1).toNanos()) {
            return Verdict.DROP;
        }
        warnedAtNanos.put(user.value(), now);
        return Verdict.WARN;
    }

    /** Full buckets belong to users who have been quiet for a minute: they hold no state worth keeping. */
    private void forgetIdle() {
        buckets.entrySet().removeIf(entry -> entry.getValue().getAvailableTokens() >= perMinute);
        warnedAtNanos
                .entrySet()
                .removeIf(entry -> System.nanoTime() - entry.getValue()
                        > Duration.ofMinutes(1).toNanos());
    }
}
