package io.grokgram.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grokgram.telegram.ChatId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChatLanesTest {

    @Test
    void one_chat_never_drains_twice_at_once_while_different_chats_run_together() throws Exception {
        Map<ChatKey, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger overlap = new AtomicInteger();
        AtomicInteger maxConcurrentChats = new AtomicInteger();
        AtomicInteger drains = new AtomicInteger();
        AtomicInteger busy = new AtomicInteger();
        try (ChatLanes lanes = new ChatLanes(Executors.newVirtualThreadPerTaskExecutor(), chat -> {
            if (running.computeIfAbsent(chat, c -> new AtomicInteger()).incrementAndGet() > 1) {
                overlap.incrementAndGet();
            }
            maxConcurrentChats.accumulateAndGet(busy.incrementAndGet(), Math::max);
            sleep(5);
            busy.decrementAndGet();
            running.get(chat).decrementAndGet();
            drains.incrementAndGet();
        })) {
            List<ChatKey> chats = java.util.stream.IntStream.rangeClosed(1, 20)
                    .mapToObj(i -> new ChatKey(1, new ChatId(i), 0))
                    .toList();
            for (int round = 0; round < 50; round++) {
                chats.forEach(lanes::signal);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> lanes.active() == 0);
        }

        assertThat(overlap).hasValue(0);
        assertThat(maxConcurrentChats.get()).isGreaterThan(1);
        assertThat(drains.get()).isBetween(20, 1000);
    }

    @Test
    void a_signal_during_a_drain_makes_it_look_again() throws Exception {
        CountDownLatch firstDrainStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        AtomicInteger work = new AtomicInteger(1);
        ChatKey chat = new ChatKey(1, new ChatId(42), 0);
        try (ChatLanes lanes = new ChatLanes(Executors.newVirtualThreadPerTaskExecutor(), key -> {
            seen.add(work.get());
            firstDrainStarted.countDown();
            awaitLatch(release);
        })) {
            lanes.signal(chat);
            assertThat(firstDrainStarted.await(5, TimeUnit.SECONDS)).isTrue();
            work.set(2);
            lanes.signal(chat);
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> lanes.active() == 0);
        }

        assertThat(seen).containsExactly(1, 2);
    }

    @Test
    void a_failing_drain_does_not_kill_the_lane() {
        AtomicInteger calls = new AtomicInteger();
        ChatKey chat = new ChatKey(1, new ChatId(7), 0);
        try (ChatLanes lanes = new ChatLanes(Executors.newVirtualThreadPerTaskExecutor(), key -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database went away");
            }
        })) {
            lanes.signal(chat);
            await().atMost(Duration.ofSeconds(5)).until(() -> lanes.active() == 0);
            lanes.signal(chat);
            await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 2 && lanes.active() == 0);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
