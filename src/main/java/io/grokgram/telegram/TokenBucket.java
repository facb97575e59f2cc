package io.grokgram.telegram;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.LocalBucketBuilder;

/**
 * One limit of the {@link FloodControl}: a bucket4j bucket in this process, or one shared through Redis ({@link
 * SharedTokenBucket}). Only what the scheduler needs, so both kinds behave alike.
 */
interface TokenBucket {
    /** Takes a token if one is free now and returns 0; else takes nothing and returns the nanoseconds until one is. */
    long tryTake();

    /** Nanoseconds until a token is free; 0 if one is now. */
    long nanosToToken();

    /** Returns a token taken by {@link #tryTake()} that no call used. */
    void giveBack();

    /** Takes a token even if none is free, so the calls after it wait that much longer. */
    void borrow();

    static TokenBucket local(BucketConfiguration configuration) {
        LocalBucketBuilder builder = Bucket.builder();
        for (Bandwidth limit : configuration.getBandwidths()) {
            builder.addLimit(limit);
        }
        return new Local(builder.build());
    }

    /** A bucket in this process only. */
    record Local(Bucket bucket) implements TokenBucket {
        @Override
        public long tryTake() {
            return waitOf(bucket.tryConsumeAndReturnRemaining(1));
        }

        @Override
        public long nanosToToken() {
            return bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        }

        @Override
        public void giveBack() {
            bucket.addTokens(1);
        }

        @Override
        public void borrow() {
            bucket.consumeIgnoringRateLimits(1);
        }
    }

    /** 0 when consumed, else the wait, at least one nanosecond so it never reads as "taken". */
    static long waitOf(ConsumptionProbe probe) {
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }
}
