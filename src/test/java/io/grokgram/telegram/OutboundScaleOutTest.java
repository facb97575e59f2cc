package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.BotEvent;
import io.grokgram.sandbox.RateLimits;
import io.grokgram.sandbox.RejectedCall;
import io.grokgram.shared.SharedState;
import io.grokgram.shared.TestRedis;
import io.grokgram.web.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Scale-out: two workers (two {@link Outbound}s, each with its own client and its own Redis connection, as two
 * processes would have) send for one bot through the tests' Redis ({@link TestRedis}: the one on 127.0.0.1:6379, else an
 * embedded one), against the emulator with its flood limits on. Each test uses a bot id of its own, so no key of an earlier run is shared.
 *
 * <p>Why no 429 can come with Redis (see {@link FloodControl}): the two together put at most 2 × 8 calls on the wire
 * plus the bot's burst and rate; the emulator's 200 ms tolerance forgives 40 calls over the bot's rate, and each chat
 * is one worker's (as the update log keyed by chat makes it).
 */
class OutboundScaleOutTest {
    /** Nothing listens there: what a worker meets when Redis is gone. */
    private static final URI NO_REDIS = URI.create("redis://127.0.0.1:1/0");

    private static final int BOT_PER_SECOND = 200;
    private static final int CHAT_PER_SECOND = 20;
    private static final int GROUP_PER_MINUTE = 600;
    private static final OutboundLimits LIMITS =
            new OutboundLimits(CHAT_PER_SECOND, GROUP_PER_MINUTE, BOT_PER_SECOND, 3, 16);
    private static final Duration TOLERANCE = Duration.ofMillis(200);
    /** The clocks of the client and of the emulator's events are read on different threads: allow for that. */
    private static final Duration SLACK = Duration.ofMillis(50);

    private final URI redisUrl = TestRedis.url();
    private final long botId = ThreadLocalRandom.current().nextLong(1_000_000, 2_000_000_000);
    private final String token = botId + ":scale-out-test-token-abcdefgh";
    private final BotApiEmulator emulator = new BotApiEmulator(Clock.systemUTC());
    private final HttpServer server;
    private final List<AutoCloseable> opened = new ArrayList<>();

    OutboundScaleOutTest() {
        emulator.registerBot(token, "scale_bot", "Scale");
        server = HttpServer.start("127.0.0.1", 0, List.of(emulator));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
        server.close();
    }

    @Test
    void two_workers_sharing_redis_keep_the_bot_limit_together_and_use_most_of_it() throws Exception {
        // given: two workers, and 200 chats of which each worker has half
        Outbound first = worker(redisUrl, LIMITS);
        Outbound second = worker(redisUrl, LIMITS);
        List<ChatId> chats = privateChats(10_000, 200);
        warmUp(chats);
        emulator.setRateLimits(limits(LIMITS));

        // when: 5 messages to every chat, all at once, each worker sending for its own chats
        sendAll(chats, 5, i -> i % 2 == 0 ? first : second);

        // then: nothing refused, everything arrived in order, and the bot ran close to its limit
        assertThat(emulator.tooManyRequestsServed()).isZero();
        assertThat(emulator.rejections()).isEmpty();
        chats.forEach(chat ->
                assertThat(sent(chat)).extracting(BotEvent::text).containsExactly("m0", "m1", "m2", "m3", "m4"));
        double rate = botRate(chats);
        System.out.printf("scale-out: two workers sent %.1f/s together (limit %d)%n", rate, BOT_PER_SECOND);
        assertThat(rate).isGreaterThanOrEqualTo(0.75 * BOT_PER_SECOND);
    }

    @Test
    void a_429_one_worker_gets_pauses_the_other() throws Exception {
        // given: two workers; a quiet chat's 429 is the bot-wide limit, so it pauses every call of the bot
        Outbound first = worker(redisUrl, LIMITS);
        Outbound second = worker(redisUrl, LIMITS);
        List<ChatId> chats = privateChats(20_000, 2);
        emulator.failNext("sendMessage", 429, "Too Many Requests: retry after 2");

        // when: the first worker gets the 429, then the second one sends to another chat
        CompletableFuture<MessageId> retried =
                CompletableFuture.supplyAsync(() -> send(first, chats.getFirst(), "to Ann"));
        RejectedCall tooMany = awaitRejection();
        // the pause reaches Redis once the first worker has read the 429: a key living for retry_after
        SharedState redis = SharedState.connect(redisUrl, Duration.ofMillis(500));
        opened.add(redis);
        String pause = "grokgram:telegram:" + botId + ":pause:bot";
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> redis.remaining(pause).compareTo(Duration.ZERO) > 0);
        assertThat(redis.remaining(pause)).isLessThanOrEqualTo(Duration.ofSeconds(2));
        send(second, chats.getLast(), "to Bob");
        retried.get();

        // then: the second worker waited out the pause it never saw itself
        Instant pauseOver = tooMany.at().plus(Duration.ofSeconds(2)).minus(SLACK);
        assertThat(tooMany.errorCode()).isEqualTo(429);
        assertThat(sent(chats.getLast()).getFirst().at()).isAfterOrEqualTo(pauseOver);
        assertThat(sent(chats.getFirst()).getFirst().at()).isAfterOrEqualTo(pauseOver);
        assertThat(emulator.rejections()).hasSize(1);
    }

    @Test
    void without_redis_a_worker_keeps_its_share_of_the_limits_and_warns_once() throws Exception {
        // given: Redis cannot be reached; Telegram's limits are the share one of two workers may use
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger sharedLog = (Logger) LoggerFactory.getLogger(SharedState.class);
        logged.start();
        sharedLog.addAppender(logged);
        opened.add(() -> sharedLog.detachAppender(logged));
        Outbound alone = worker(NO_REDIS, LIMITS);
        List<ChatId> chats = privateChats(30_000, 100);
        warmUp(chats);
        emulator.setRateLimits(limits(Buckets.divided(LIMITS, 2)));

        // when: 3 messages to every chat at once
        sendAll(chats, 3, i -> alone);

        // then: everything went, nothing past the halved limits, and the loss was said once
        assertThat(emulator.tooManyRequestsServed()).isZero();
        assertThat(emulator.rejections()).isEmpty();
        chats.forEach(chat -> assertThat(sent(chat)).extracting(BotEvent::text).containsExactly("m0", "m1", "m2"));
        assertThat(logged.list)
                .filteredOn(event -> event.getLevel() == Level.WARN)
                .singleElement()
                .extracting(ILoggingEvent::getFormattedMessage)
                .asString()
                .contains("127.0.0.1:1", "unreachable");
    }

    private Outbound worker(URI redis, OutboundLimits limits) {
        SharedState shared = SharedState.connect(redis, Duration.ofMillis(500));
        BotApi api = new BotApi(new BotToken(token), URI.create(server.baseUrl()), Duration.ofSeconds(10));
        opened.add(shared);
        opened.add(api);
        return new Outbound(
                api,
                Buckets.shared(limits, new ScaleOut(shared, 2), botId),
                ChatStatusListener.ignoring(),
                new SimpleMeterRegistry());
    }

    private static RateLimits limits(OutboundLimits limits) {
        return RateLimits.of(
                        new RateLimits.Limit((int) limits.perChatPerSecond(), Duration.ofSeconds(1)),
                        new RateLimits.Limit(limits.perGroupPerMinute(), Duration.ofMinutes(1)),
                        new RateLimits.Limit(limits.perBotPerSecond(), Duration.ofSeconds(1), limits.botBurst()))
                .withTolerance(TOLERANCE);
    }

    /**
     * Client and emulator share this JVM and start cold: warm both first through a local scheduler with room to spare,
     * with the emulator's limits still off, so the test measures the shared limits, not class loading.
     */
    private void warmUp(List<ChatId> chats) throws Exception {
        BotApi api = new BotApi(new BotToken(token), URI.create(server.baseUrl()), Duration.ofSeconds(10));
        opened.add(api);
        Outbound unlimited = new Outbound(
                api,
                new OutboundLimits(100_000, 6_000_000, 100_000, 1, 32),
                ChatStatusListener.ignoring(),
                new SimpleMeterRegistry());
        List<ChatId> warm = privateChats(90_000, 32);
        sendAll(warm, 20, i -> unlimited);
        assertThat(chats).isNotEmpty();
    }

    private void sendAll(List<ChatId> chats, int count, java.util.function.IntFunction<Outbound> workerOf)
            throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < chats.size(); i++) {
                Outbound worker = workerOf.apply(i);
                ChatId chat = chats.get(i);
                running.add(threads.submit(() -> {
                    for (int m = 0; m < count; m++) {
                        send(worker, chat, "m" + m);
                    }
                }));
            }
            for (Future<?> chat : running) {
                chat.get();
            }
        }
    }

    private static MessageId send(Outbound worker, ChatId chat, String text) {
        return worker.send(chat, OptionalInt.empty(), FormattedText.plain(text), Optional.empty());
    }

    private List<ChatId> privateChats(long firstId, int count) {
        List<ChatId> chats = new ArrayList<>();
        for (long id = firstId; id < firstId + count; id++) {
            emulator.user(id, "User" + id, Optional.empty(), "en").send("hi");
            chats.add(new ChatId(id));
        }
        return chats;
    }

    private List<BotEvent> sent(ChatId chat) {
        return emulator.events(chat.value()).stream()
                .filter(event -> event.kind() == BotEvent.Kind.SENT)
                .toList();
    }

    private RejectedCall awaitRejection() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> !emulator.rejections().isEmpty());
        return emulator.rejections().getFirst();
    }

    /** Calls per second the emulator accepted across these chats, from the first arrival to the last. */
    private double botRate(List<ChatId> chats) {
        List<Instant> arrivals = chats.stream()
                .flatMap(chat -> sent(chat).stream())
                .map(BotEvent::at)
                .sorted()
                .toList();
        Duration span = Duration.between(arrivals.getFirst(), arrivals.getLast());
        return (arrivals.size() - 1) / (span.toNanos() / 1e9);
    }
}
