package io.grokgram.shared;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the Redis that scale-out workers share, and whether it is up.
 *
 * <p>Every operation either answers from Redis or throws {@link SharedStateUnavailable} at once: the first failure
 * (refused, timed out) marks Redis lost, logs one WARN, and from then on calls fail without touching the network while
 * a background probe reconnects with back-off; when it answers, one INFO says the shared state is back. So a worker
 * that loses Redis slows down to its local limits instead of stalling every call on a timeout, and its log says so
 * twice, not once per call.
 *
 * <p>Lettuce's own reconnection is off: it would queue or retry commands behind the caller's back and log each try.
 */
public final class SharedState implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedState.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);
    /** A bucket key outlives its last call by the time it takes to refill, plus this. */
    private static final Duration BUCKET_KEEP = Duration.ofSeconds(10);
    /**
     * {@link #extend} in one atomic step: creates the key, or lengthens a life shorter than asked; a key without an
     * expiry (none here) is left alone. PEXPIRE's GT flag would do the lengthening, but needs Redis 7.0, and Redis 6
     * is still what some LTS distributions ship; a script runs on any Redis since 2.6.
     */
    private static final String EXTEND = """
            local left = redis.call('PTTL', KEYS[1])
            if left == -2 or (left >= 0 and left < tonumber(ARGV[1])) then
              redis.call('SET', KEYS[1], '\\1', 'PX', ARGV[1])
            end
            return left
            """;

    private final RedisClient client;
    private final String where;
    private final Duration timeout;
    private final AtomicBoolean up = new AtomicBoolean(false);
    private final AtomicBoolean closed = new AtomicBoolean(false);
    private volatile Link link;
    private volatile Thread probe;
    /** Whether a probe runs; guarded by this. */
    private boolean probing;

    /** The connection and the bucket proxies built on it: replaced together when Redis comes back. */
    private record Link(StatefulRedisConnection<String, byte[]> connection, ProxyManager<String> buckets) {}

    private SharedState(URI url, Duration timeout) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.timeout = timeout;
        // never the password: the URL may carry one
        this.where = uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .build());
    }

    /**
     * Connects to {@code url} ({@code redis://[:password@]host[:port][/db]}), each command waiting at most {@code
     * timeout}. Never fails for an unreachable server: it starts lost, warns once and keeps trying in the background.
     */
    public static SharedState connect(URI url, Duration timeout) {
        Objects.requireNonNull(url, "url");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the Redis timeout must be positive, got " + timeout);
        }
        SharedState state = new SharedState(url, timeout);
        try {
            state.link = state.open();
            state.up.set(true);
            log.info("shared state in Redis at {}", state.where);
        } catch (RuntimeException e) {
            state.lost(e);
        }
        return state;
    }

    /** Whether Redis answered last time: when not, callers use their local state without trying. */
    public boolean available() {
        return up.get() && link != null;
    }

    /**
     * Runs an operation on Redis, e.g. on a bucket proxy from {@link #buckets()}; a failure marks Redis lost (see the
     * class comment) and comes back as {@link SharedStateUnavailable}, as does a call while it is lost.
     */
    public <T> T guarded(Supplier<T> operation) {
        if (!available()) {
            throw new SharedStateUnavailable("Redis at " + where + " is unavailable", null);
        }
        try {
            return operation.get();
        } catch (SharedStateUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            lost(e);
            throw new SharedStateUnavailable("Redis at " + where + " failed: " + e.getMessage(), e);
        }
    }

    /** Token buckets kept in Redis, keys expiring once a bucket would be full again; see bucket4j's proxy manager. */
    public ProxyManager<String> buckets() {
        return current().buckets();
    }

    /** The value at {@code key}, if any. */
    public Optional<String> get(String key) {
        byte[] value = guarded(() -> current().connection().sync().get(key));
        return Optional.ofNullable(value).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** Sets {@code key} to {@code value} for {@code ttl}. */
    public void put(String key, String value, Duration ttl) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        guarded(() -> current().connection().sync().set(key, bytes, SetArgs.Builder.px(ttl.toMillis())));
    }

    /** How long {@code key} lives on: zero when it is gone (or never expires, which no key here does). */
    public Duration remaining(String key) {
        long millis = guarded(() -> current().connection().sync().pttl(key));
        return millis > 0 ? Duration.ofMillis(millis) : Duration.ZERO;
    }

    /**
     * Makes {@code key} live at least {@code ttl} from now: created if absent, extended if it would end sooner, never
     * shortened, so a short pause never cuts a longer one another worker set.
     */
    public void extend(String key, Duration ttl) {
        long millis = Math.max(1, ttl.toMillis());
        byte[] life = Long.toString(millis).getBytes(StandardCharsets.US_ASCII);
        guarded(() ->
                current().connection().sync().<Long>eval(EXTEND, ScriptOutputType.INTEGER, new String[] {key}, life));
    }

    private Link current() {
        Link now = link;
        if (now == null) {
            throw new SharedStateUnavailable("Redis at " + where + " is not connected", null);
        }
        return now;
    }

    private Link open() {
        StatefulRedisConnection<String, byte[]> connection =
                client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        connection.setTimeout(timeout);
        ProxyManager<String> buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(BUCKET_KEEP))
                .requestTimeout(timeout)
                .build();
        return new Link(connection, buckets);
    }

    /** Marks Redis lost; the first caller to see it warns and starts the probe, later ones find it probing. */
    private synchronized void lost(RuntimeException cause) {
        if (closed.get() || probing) {
            return;
        }
        probing = true;
        up.set(false);
        log.warn(
                "Redis at {} is unreachable ({}); sending within local limits divided by the expected workers"
                        + " until it is back",
                where,
                cause.getMessage());
        probe = Thread.ofVirtual().name("grokgram-redis-probe").start(this::reconnect);
    }

    /** Redis answered the probe: back to shared state. Under the lock, so a failure right now starts a new probe. */
    private synchronized void regained() {
        log.info("Redis at {} is reachable again; the limits are shared again", where);
        probing = false;
        up.set(true);
    }

    /** Tries again with a back-off doubling up to {@link #LONGEST_RETRY} until Redis answers or this is closed. */
    private void reconnect() {
        Duration wait = FIRST_RETRY;
        while (!closed.get()) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Link old = link;
                if (old == null || !old.connection().isOpen()) {
                    link = open();
                    if (old != null) {
                        old.connection().closeAsync();
                    }
                } else {
                    old.connection().sync().ping();
                }
                regained();
                return;
            } catch (RuntimeException e) {
                log.debug("Redis at {} still unreachable: {}", where, e.getMessage());
                wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
            }
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Thread running = probe;
        if (running != null) {
            running.interrupt();
        }
        Link now = link;
        if (now != null) {
            now.connection().close();
        }
        client.shutdown(Duration.ZERO, timeout);
    }
}
