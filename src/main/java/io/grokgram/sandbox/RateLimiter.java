package io.grokgram.sandbox;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flood limits of one bot as bucket4j token buckets (see {@link RateLimits} for the model), guarded by the bot's
 * lock. Time is the emulator's clock, handed in with each call, so tests with a hand-moved clock are exact.
 *
 * <p>A call needs a token from every bucket it counts against, taken all at once or not at all. A bucket that has
 * none closes its scope (the chat or the whole bot) for the whole seconds it announces.
 */
final class RateLimiter {
    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final String BOT = "bot";

    private final Map<String, Bucket> buckets = new HashMap<>();
    private final Map<String, Long> closedUntil = new HashMap<>();
    private final TimeMeter time = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nowNanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };
    private RateLimits countedFor = RateLimits.off();
    private long nowNanos;

    /** What a call counts against: a chat or the bot, with the limits of its bucket. */
    private record Scope(String key, List<RateLimits.Limit> limits) {}

    /**
     * sendMessage, editMessageText, sendMessageDraft: the chat's limits, then the bot's. Empty if the call may go ahead
     * (and counts it), else the seconds to wait.
     */
    OptionalInt acquireMessage(RateLimits limits, long chatId, boolean group, long nowNanos) {
        List<RateLimits.Limit> chatLimits =
                group ? List.of(limits.perChat(), limits.perGroup()) : List.of(limits.perChat());
        return acquire(
                limits,
                nowNanos,
                List.of(new Scope("chat " + chatId, chatLimits), new Scope(BOT, List.of(limits.perBot()))));
    }

    /** sendChatAction: the bot's limit only. */
    OptionalInt acquireChatAction(RateLimits limits, long nowNanos) {
        return acquire(limits, nowNanos, List.of(new Scope(BOT, List.of(limits.perBot()))));
    }

    private OptionalInt acquire(RateLimits limits, long now, List<Scope> scopes) {
        if (!limits.enabled()) {
            return OptionalInt.empty();
        }
        if (!limits.equals(countedFor)) {
            buckets.clear();
            closedUntil.clear();
            countedFor = limits;
        }
        nowNanos = now;
        for (Scope scope : scopes) {
            Long until = closedUntil.get(scope.key());
            if (until != null && until - now > 0) {
                return OptionalInt.of(seconds(until - now));
            }
        }
        for (Scope scope : scopes) {
            EstimationProbe probe = bucket(scope, limits).estimateAbilityToConsume(1);
            if (!probe.canBeConsumed()) {
                int retryAfter = seconds(probe.getNanosToWaitForRefill());
                closedUntil.put(scope.key(), now + retryAfter * NANOS_PER_SECOND);
                log.debug("flood control: {} over its limit, closed for {} s", scope.key(), retryAfter);
                return OptionalInt.of(retryAfter);
            }
        }
        scopes.forEach(scope -> buckets.get(scope.key()).tryConsume(1));
        return OptionalInt.empty();
    }

    private Bucket bucket(Scope scope, RateLimits limits) {
        return buckets.computeIfAbsent(scope.key(), key -> {
            LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
            for (RateLimits.Limit limit : scope.limits()) {
                builder.addLimit(bandwidth -> bandwidth
                        .capacity(limit.capacity(limits.tolerance()))
                        .refillGreedy(limit.requests(), limit.per()));
            }
            return builder.build();
        });
    }

    /** Telegram's retry_after is whole seconds and never zero. */
    private static int seconds(long nanos) {
        return (int) Math.max(1, (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    }
}
