package io.grokgram.telegram;

import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.Optional;

/**
 * Makes the limits of one bot's {@link FloodControl}: buckets and pauses in this process, or, in scale-out, kept in
 * Redis under keys namespaced by the bot's id, so every worker of the bot counts against the same ones.
 *
 * <p>In scale-out each worker keeps {@code maxInFlight / expectedWorkers} calls on the wire, so the calls all workers
 * can bunch together stay what one process could; and while Redis is lost, each falls back to all limits divided by
 * the expected workers (see {@link SharedTokenBucket}).
 */
final class Buckets {
    private final OutboundLimits limits;
    private final OutboundLimits conservative;
    private final Optional<ScaleOut> scaleOut;
    private final String prefix;

    private Buckets(OutboundLimits limits, Optional<ScaleOut> scaleOut, String prefix) {
        this.limits = limits;
        this.scaleOut = scaleOut;
        this.prefix = prefix;
        this.conservative =
                scaleOut.map(scale -> divided(limits, scale.expectedWorkers())).orElse(limits);
    }

    static Buckets local(OutboundLimits limits) {
        return new Buckets(limits, Optional.empty(), "");
    }

    static Buckets shared(OutboundLimits limits, ScaleOut scaleOut, long botId) {
        return new Buckets(limits, Optional.of(scaleOut), "grokgram:telegram:" + botId + ":");
    }

    OutboundLimits limits() {
        return limits;
    }

    int maxInFlight() {
        return conservative.maxInFlight();
    }

    TokenBucket bot() {
        return bucket("bot", bot(limits, false), bot(conservative, true));
    }

    /** A chat's bucket (its pace, and the group limit for a group) at {@code key}, e.g. {@code chat:42}. */
    TokenBucket chat(String key, boolean group) {
        return bucket(key, chat(limits, group, false), chat(conservative, group, true));
    }

    Pause pause(String key) {
        return scaleOut.map(scale -> new Pause(scale.shared(), prefix + "pause:" + key))
                .orElseGet(Pause::new);
    }

    private TokenBucket bucket(String key, BucketConfiguration configuration, BucketConfiguration standIn) {
        return scaleOut.<TokenBucket>map(scale ->
                        new SharedTokenBucket(scale.shared(), prefix + "bucket:" + key, configuration, standIn))
                .orElseGet(() -> TokenBucket.local(configuration));
    }

    private static BucketConfiguration bot(OutboundLimits limits, boolean empty) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(limits.botBurst())
                        .refillGreedy(limits.perBotPerSecond(), Duration.ofSeconds(1))
                        .initialTokens(empty ? 0 : limits.botBurst()))
                .build();
    }

    private static BucketConfiguration chat(OutboundLimits limits, boolean group, boolean empty) {
        var builder = BucketConfiguration.builder()
                .addLimit(limit ->
                        limit.capacity(1).refillGreedy(1, limits.chatInterval()).initialTokens(empty ? 0 : 1));
        if (group) {
            builder.addLimit(limit -> limit.capacity(1)
                    .refillGreedy(limits.perGroupPerMinute(), Duration.ofMinutes(1))
                    .initialTokens(empty ? 0 : 1));
        }
        return builder.build();
    }

    /** Every limit divided by {@code workers}, each at least one call (a chat's pace may go below one a second). */
    static OutboundLimits divided(OutboundLimits limits, int workers) {
        return new OutboundLimits(
                limits.perChatPerSecond() / workers,
                Math.max(1, limits.perGroupPerMinute() / workers),
                Math.max(1, limits.perBotPerSecond() / workers),
                limits.maxAttempts(),
                Math.max(1, limits.maxInFlight() / workers));
    }
}
