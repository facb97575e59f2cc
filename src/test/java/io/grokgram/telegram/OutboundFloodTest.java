package io.grokgram.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.BotEvent;
import io.grokgram.sandbox.RateLimits;
import io.grokgram.web.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of the outbound scheduler: a flood through {@link Outbound} against the emulator with its flood
 * limits on, over real HTTP, gets no 429 and runs close to the limits. The limits are Telegram's shape at higher rates,
 * so the test stays short.
 *
 * <p>Why no 429 can come (see {@link FloodControl}): the scheduler lets Telegram receive at most maxInFlight + burst +
 * rate × L calls of the bot in any interval L, and 2 + rate × L of a chat, where the emulator, counting the same
 * buckets, takes burst + rate × L and 1 + rate × L. Its 200 ms tolerance adds ceil(rate × 0.2 s) tokens to each
 * bucket: 80 for the bot (64 in flight need covering), 4 for a chat's pace and 2 for a group's limit (1 needed).
 * That holds however slow this machine is; only the throughput depends on it, and the wire is wide enough for answers
 * up to 160 ms slow before it costs any.
 */
class OutboundFloodTest {
    private static final String TOKEN = "4343:flood-test-token-abcdefghijklmn";
    private static final int BOT_PER_SECOND = 400;
    private static final int CHAT_PER_SECOND = 20;
    private static final int GROUP_PER_MINUTE = 600;
    private static final Duration TOLERANCE = Duration.ofMillis(200);
    private static final int MAX_IN_FLIGHT = 64;
    private static final OutboundLimits LIMITS =
            new OutboundLimits(CHAT_PER_SECOND, GROUP_PER_MINUTE, BOT_PER_SECOND, 3, MAX_IN_FLIGHT);
    private static final int PRIVATE_CHATS = 500;
    private static final int MESSAGES_PER_PRIVATE_CHAT = 8;
    private static final int GROUPS = 20;
    private static final int MESSAGES_PER_GROUP = 50;

    private final BotApiEmulator emulator = new BotApiEmulator(Clock.systemUTC());
    private final HttpServer server;
    private final BotApi api;
    private final Outbound outbound;

    OutboundFloodTest() throws Exception {
        emulator.registerBot(TOKEN, "flood_bot", "Flood");
        server = HttpServer.start("127.0.0.1", 0, List.of(emulator));
        api = new BotApi(new BotToken(TOKEN), URI.create(server.baseUrl()), Duration.ofSeconds(30));
        outbound = new Outbound(api, LIMITS, ChatStatusListener.ignoring(), new SimpleMeterRegistry());
        warmUp();
        emulator.setRateLimits(RateLimits.of(
                        new RateLimits.Limit(CHAT_PER_SECOND, Duration.ofSeconds(1)),
                        new RateLimits.Limit(GROUP_PER_MINUTE, Duration.ofMinutes(1)),
                        new RateLimits.Limit(BOT_PER_SECOND, Duration.ofSeconds(1), LIMITS.botBurst()))
                .withTolerance(TOLERANCE));
    }

    /**
     * Client and emulator share this JVM: cold, their first few hundred calls take milliseconds each, and at 400 a
     * second the connections pile up past the server's accept queue. Warm both first, through a scheduler of their own
     * with room to spare and flood control off, to chats of their own, so the test measures the scheduler at work, not
     * class loading and compilation.
     */
    private void warmUp() throws Exception {
        Outbound unlimited = new Outbound(
                api,
                new OutboundLimits(100_000, 6_000_000, 100_000, 1, MAX_IN_FLIGHT),
                ChatStatusListener.ignoring(),
                new SimpleMeterRegistry());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> chats = new ArrayList<>();
            for (long id = 1; id <= MAX_IN_FLIGHT; id++) {
                emulator.user(id, "Warm", Optional.empty(), "en").send("hi");
                ChatId chat = new ChatId(id);
                chats.add(threads.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        unlimited.send(chat, OptionalInt.empty(), FormattedText.plain("warm"), Optional.empty());
                    }
                }));
            }
            for (Future<?> chat : chats) {
                chat.get();
            }
        }
    }

    @AfterEach
    void stop() {
        api.close();
        server.close();
    }

    @Test
    void a_flood_keeps_every_limit_and_runs_close_to_them() throws Exception {
        // given: 500 private chats get 8 messages each and 20 groups 50 each, all at once; the bot's limit binds until
        // the private chats are done, then each group's own limit binds
        List<Long> privateChats = privateChats(PRIVATE_CHATS);
        List<Long> groups = groups(GROUPS);
        Map<Long, Integer> messages = new LinkedHashMap<>();
        privateChats.forEach(chat -> messages.put(chat, MESSAGES_PER_PRIVATE_CHAT));
        groups.forEach(chat -> messages.put(chat, MESSAGES_PER_GROUP));

        // when: a virtual thread per chat, as turns run, each sending its messages one after the other
        long started = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> chats = new ArrayList<>();
            messages.forEach((id, count) -> chats.add(threads.submit(() -> {
                for (int i = 0; i < count; i++) {
                    outbound.send(new ChatId(id), OptionalInt.empty(), FormattedText.plain("m" + i), Optional.empty());
                }
            })));
            for (Future<?> chat : chats) {
                chat.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        // then: nothing refused, everything arrived, each chat's messages in order
        assertThat(emulator.tooManyRequestsServed()).isZero();
        assertThat(emulator.rejections()).isEmpty();
        messages.forEach((chat, count) -> assertThat(sent(chat))
                .extracting(BotEvent::text)
                .containsExactlyElementsOf(
                        IntStream.range(0, count).mapToObj(i -> "m" + i).toList()));

        // and: the binding limit was used to at least 90 %
        Instant privateDone = privateChats.stream()
                .map(chat -> sent(chat).getLast().at())
                .max(Instant::compareTo)
                .orElseThrow();
        double botRate = rate(messages.keySet().stream()
                .flatMap(chat -> sent(chat).stream())
                .map(BotEvent::at)
                .filter(at -> !at.isAfter(privateDone))
                .sorted()
                .toList());
        List<Double> groupRates = groups.stream()
                .map(group -> rate(sent(group).stream()
                        .map(BotEvent::at)
                        .filter(at -> at.isAfter(privateDone))
                        .toList()))
                .toList();
        double groupLimit = GROUP_PER_MINUTE / 60.0;
        double groupMean = groupRates.stream().mapToDouble(d -> d).average().orElseThrow();
        double groupMin = groupRates.stream().mapToDouble(d -> d).min().orElseThrow();
        System.out.printf(
                "flood: %d messages to %d private chats and %d groups in %.1f s, %d x 429; bot %.1f/s while binding"
                        + " (limit %d, %.1f %%); groups %.2f/s mean, %.2f/s min while binding (limit %.1f, %.1f %%"
                        + " mean)%n",
                messages.values().stream().mapToInt(Integer::intValue).sum(),
                PRIVATE_CHATS,
                GROUPS,
                seconds,
                emulator.tooManyRequestsServed(),
                botRate,
                BOT_PER_SECOND,
                100 * botRate / BOT_PER_SECOND,
                groupMean,
                groupMin,
                groupLimit,
                100 * groupMean / groupLimit);
        assertThat(botRate).isGreaterThanOrEqualTo(0.9 * BOT_PER_SECOND);
        assertThat(groupMin).isGreaterThanOrEqualTo(0.9 * groupLimit);
    }

    @Test
    void a_sender_without_the_scheduler_is_caught() throws Exception {
        // given: the same limits and tolerance, and 50 chats
        List<Long> chats = privateChats(50);

        // when: 500 messages at once, straight through the client
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 500; i++) {
                ChatId chat = new ChatId(chats.get(i % chats.size()));
                threads.submit(() -> {
                    try {
                        api.sendMessage(chat, OptionalInt.empty(), FormattedText.plain("spam"), Optional.empty());
                    } catch (TelegramException.RateLimited expected) {
                        // counted by the emulator
                    }
                });
            }
        }

        // then
        assertThat(emulator.tooManyRequestsServed()).isGreaterThan(0);
    }

    @Test
    void a_sender_a_quarter_over_the_bot_limit_is_caught() throws Exception {
        // given: 1500 chats, each of which gets a single message, so only the bot's limit is at stake
        List<Long> chats = privateChats(1500);

        // when: 500 a second instead of 400, evenly paced, for three seconds
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            for (int i = 0; i < chats.size(); i++) {
                long due = start + i * 2_000_000L;
                Thread.sleep(Duration.ofNanos(Math.max(0, due - System.nanoTime())));
                ChatId chat = new ChatId(chats.get(i));
                threads.submit(() -> {
                    try {
                        api.sendMessage(chat, OptionalInt.empty(), FormattedText.plain("a bit fast"), Optional.empty());
                    } catch (TelegramException.RateLimited expected) {
                        // counted by the emulator
                    }
                });
            }
        }

        // then
        assertThat(emulator.tooManyRequestsServed()).isGreaterThan(0);
    }

    private List<Long> privateChats(int count) {
        List<Long> chats = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            long id = 10_000L + i;
            emulator.user(id, "User" + i, Optional.empty(), "en").send("hi");
            chats.add(id);
        }
        return chats;
    }

    private List<Long> groups(int count) {
        List<Long> groups = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            groups.add(emulator.user(90_000L + i, "Admin" + i, Optional.empty(), "en")
                    .createGroupWithBot("Group " + i));
        }
        return groups;
    }

    /** The messages the emulator accepted in a chat, in the order it accepted them. */
    private List<BotEvent> sent(long chat) {
        return emulator.events(chat).stream()
                .filter(event -> event.kind() == BotEvent.Kind.SENT)
                .toList();
    }

    /** Calls per second from the first of these instants to the last. */
    private static double rate(List<Instant> sortedArrivals) {
        if (sortedArrivals.size() < 2) {
            return 0;
        }
        Duration span = Duration.between(sortedArrivals.getFirst(), sortedArrivals.getLast());
        return (sortedArrivals.size() - 1) / (span.toNanos() / 1e9);
    }
}
