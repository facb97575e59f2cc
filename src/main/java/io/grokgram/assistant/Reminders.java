package io.grokgram.assistant;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers when a person was last pointed to the consent step in a chat, so someone who keeps addressing the
 * assistant in a group without consent gets the pointer once in a while, not under every message. Memory only: after a
 * restart they may get one more.
 */
final class Reminders {
    private static final int MAX_REMEMBERED = 100_000;

    private final Duration every;
    private final Clock clock;
    private final Map<String, Long> last = new ConcurrentHashMap<>();

    Reminders(Duration every, Clock clock) {
        this.every = every;
        this.clock = clock;
    }

    /** True when the pointer should be shown now (and records that it was). */
    boolean shouldRemind(long chat, long user) {
        long now = clock.millis();
        if (last.size() > MAX_REMEMBERED) {
            last.values().removeIf(at -> now - at >= every.toMillis());
        }
        String key = chat + ":" + user;
        Long previous = last.get(key);
        if (previous != null && now - previous < every.toMillis()) {
            return false;
        }
        last.put(key, now);
        return true;
    }
}
