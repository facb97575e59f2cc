package io.grokgram.telegram;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.grokgram.shared.SharedState;
import io.grokgram.shared.SharedStateUnavailable;
import java.util.function.ToLongFunction;

/**
 * A limit every worker of the bot counts against, kept in Redis under {@code key}; while Redis is lost, a local bucket
 * at the conservative (divided) rate stands in.
 *
 * <p>The stand-in is made when Redis is first missed and starts empty (its configuration has no initial tokens), and is dropped as soon as Redis answers again:
 * a full stand-in would let a burst out on top of what the shared bucket just gave, and a stale one would remember an
 * old outage.
 */
final class SharedTokenBucket implements TokenBucket {
    private final SharedState shared;
    private final String key;
    private final BucketConfiguration configuration;
    private final BucketConfiguration conservative;
    private volatile Remote remote;
    private volatile TokenBucket standIn;

    SharedTokenBucket(
            SharedState shared, String key, BucketConfiguration configuration, BucketConfiguration conservative) {
        this.shared = shared;
        this.key = key;
        this.configuration = configuration;
        this.conservative = conservative;
    }

    @Override
    public long tryTake() {
        return either(bucket -> TokenBucket.waitOf(bucket.tryConsumeAndReturnRemaining(1)), TokenBucket::tryTake);
    }

    @Override
    public long nanosToToken() {
        return either(
                bucket -> bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill(), TokenBucket::nanosToToken);
    }

    @Override
    public void giveBack() {
        either(
                bucket -> {
                    bucket.addTokens(1);
                    return 0;
                },
                local -> {
                    local.giveBack();
                    return 0;
                });
    }

    @Override
    public void borrow() {
        either(
                bucket -> {
                    bucket.consumeIgnoringRateLimits(1);
                    return 0;
                },
                local -> {
                    local.borrow();
                    return 0;
                });
    }

    private long either(ToLongFunction<BucketProxy> onRedis, ToLongFunction<TokenBucket> onStandIn) {
        if (shared.available()) {
            try {
                long result = shared.guarded(() -> onRedis.applyAsLong(remote()));
                standIn = null;
                return result;
            } catch (SharedStateUnavailable e) {
                // lost: said once by SharedState; this call and the next use the stand-in
            }
        }
        return onStandIn.applyAsLong(standIn());
    }

    /** The proxy on the current connection: a reconnect brings a new proxy manager, and with it a new proxy. */
    private BucketProxy remote() {
        ProxyManager<String> manager = shared.buckets();
        Remote now = remote;
        if (now == null || now.manager() != manager) {
            now = new Remote(manager, manager.builder().build(key, () -> configuration));
            remote = now;
        }
        return now.bucket();
    }

    private synchronized TokenBucket standIn() {
        TokenBucket local = standIn;
        if (local == null) {
            local = TokenBucket.local(conservative);
            standIn = local;
        }
        return local;
    }

    private record Remote(ProxyManager<String> manager, BucketProxy bucket) {}
}
