package io.grokgram.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grokgram.sandbox.BotApiEmulator;
import io.grokgram.sandbox.BotEvent;
import io.grokgram.sandbox.SandboxUser;
import io.grokgram.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The load of {@code grokgram bench}: every chat asks its questions one after another, each as soon as the previous one
 * is answered (as a person would; so no turn waits behind its own chat's earlier turn), all chats at once. Per turn it
 * takes the time from the question to its final message as the emulator accepted it, and the provider's share as the
 * store recorded it.
 *
 * <p>Each user looks for its answer by reading its own chat every few milliseconds rather than waiting on the emulator's
 * condition: that condition wakes every waiter on every event, and a hundred waiters scanning under the emulator's lock
 * would slow the very calls being measured. The answer's time is the emulator's timestamp, so the polling adds nothing
 * to the figures, only a little to the time between one question and the next.
 */
final class GatewayBenchmark {
    static final long FIRST_USER = 810_000L;
    private static final Duration POLL = Duration.ofMillis(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BotApiEmulator telegram;
    private final Database store;
    private final int chats;
    private final Duration patience;

    GatewayBenchmark(BotApiEmulator telegram, Database store, int chats, Duration patience) {
        this.telegram = telegram;
        this.store = store;
        this.chats = chats;
        this.patience = patience;
    }

    /** What a run measured, in milliseconds per turn. */
    record Result(
            int turns,
            Duration wall,
            Distribution endToEnd,
            Distribution provider,
            Distribution overhead,
            Distribution beforeDelivery) {}

    /** Asks {@code questionsPerChat} questions in every chat; {@code round} keeps the texts of runs apart. */
    Result run(int questionsPerChat, int round) throws Exception {
        if (questionsPerChat < 1) {
            throw new IllegalArgumentException("every chat asks at least one question, got " + questionsPerChat);
        }
        Map<String, Long> endToEnd = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        try (ExecutorService users = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("bench-user-", 0).factory())) {
            List<Future<?>> asking = new ArrayList<>();
            for (int chat = 0; chat < chats; chat++) {
                SandboxUser user = telegram.user(FIRST_USER + chat, "Bench" + chat, Optional.empty(), "en");
                asking.add(users.submit(() -> {
                    for (int q = 0; q < questionsPerChat; q++) {
                        String text = "bench round " + round + " question " + q + " from chat " + user.chatId();
                        Instant asked = Instant.now();
                        user.send(text);
                        endToEnd.put(
                                text,
                                Duration.between(asked, awaitAnswer(user.chatId(), text))
                                        .toMillis());
                    }
                    return null;
                }));
            }
            for (Future<?> chat : asking) {
                chat.get();
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        return measure(endToEnd, wall);
    }

    private Instant awaitAnswer(long chatId, String question) throws InterruptedException {
        String quoted = "“" + question + "”";
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            for (BotEvent event : telegram.events(chatId)) {
                if (event.kind() == BotEvent.Kind.SENT && event.text().contains(quoted)) {
                    return event.at();
                }
            }
            Thread.sleep(POLL);
        }
        throw new IllegalStateException("no answer to '" + question + "' within " + patience);
    }

    /** Joins the measured times with the store's record of each turn (provider time and time before sending). */
    private Result measure(Map<String, Long> endToEnd, Duration wall) {
        Map<String, long[]> recorded = new HashMap<>();
        store.useTransaction(tx -> tx.query(
                        "SELECT i.payload, u.provider_ms, u.turn_ms FROM turn_usage u"
                                + " JOIN inbox i ON i.bot_id = u.bot_id AND i.update_id = u.update_id",
                        row -> Map.entry(
                                text(row.getString("payload")),
                                new long[] {row.getLong("provider_ms"), row.getLong("turn_ms")}))
                .forEach(entry -> recorded.put(entry.getKey(), entry.getValue())));
        List<Long> total = new ArrayList<>();
        List<Long> provider = new ArrayList<>();
        List<Long> overhead = new ArrayList<>();
        List<Long> beforeDelivery = new ArrayList<>();
        endToEnd.forEach((question, millis) -> {
            long[] turn = recorded.get(question);
            if (turn == null) {
                throw new IllegalStateException("the store has no usage record for '" + question + "'");
            }
            total.add(millis);
            provider.add(turn[0]);
            overhead.add(millis - turn[0]);
            beforeDelivery.add(turn[1] - turn[0]);
        });
        return new Result(
                total.size(),
                wall,
                Distribution.of(total),
                Distribution.of(provider),
                Distribution.of(overhead),
                Distribution.of(beforeDelivery));
    }

    private static String text(String payload) {
        try {
            JsonNode update = JSON.readTree(payload);
            return update.path("message").path("text").asText("");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an inbox payload is not JSON: " + e.getMessage(), e);
        }
    }
}
