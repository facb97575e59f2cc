package io.grokgram.sandbox;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Sliding-window counters for one bot, guarded by the bot's lock. A window that overflows is closed for the whole
 * number of seconds it announces (at least one), like Telegram's flood wait, and calls it refuses are not counted.
 */
final class RateLimiter {
    private final Map<String, ArrayDeque<Long>> calls = new HashMap<>();
    private final Map<String, Long> closedUntil = new HashMap<>();

    /** Empty if the call may go ahead (and counts it), else the seconds to wait. */
    OptionalInt acquire(RateLimits limits, long chatId, boolean group, long nowMillis) {
        if (!limits.enabled()) {
            return OptionalInt.empty();
        }
        String chatKey = "chat:" + chatId;
        record Window(String key, RateLimits.Limit limit) {}
        List<Window> windows = List.of(
                new Window(chatKey, group ? limits.perGroup() : limits.perPrivateChat()),
                new Window("bot", limits.perBot()));
        for (Window window : windows) {
            Long until = closedUntil.get(window.key());
            if (until != null && until > nowMillis) {
                return OptionalInt.of(seconds(until - nowMillis));
            }
        }
        for (Window window : windows) {
            long length = window.limit().per().toMillis();
            ArrayDeque<Long> log = calls.computeIfAbsent(window.key(), k -> new ArrayDeque<>());
            while (!log.isEmpty() && log.peekFirst() <= nowMillis - length) {
                log.pollFirst();
            }
            if (log.size() >= window.limit().requests()) {
                int retryAfter = seconds(log.peekFirst() + length - nowMillis);
                closedUntil.put(window.key(), nowMillis + retryAfter * 1000L);
                return OptionalInt.of(retryAfter);
            }
        }
        for (Window window : windows) {
            calls.get(window.key()).addLast(nowMillis);
        }
        return OptionalInt.empty();
    }

    private static int seconds(long millis) {
        return (int) Math.max(1, (millis + 999) / 1000);
    }
}
