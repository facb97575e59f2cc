package io.grokgram.telegram;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Until when a 429 stopped a chat or the bot. Only ever extended, so a short retry_after never cuts a longer one. */
final class Pause {
    // nanoTime has an arbitrary origin, so "not paused" must start from a real reading, not from 0
    private final AtomicLong untilNanos = new AtomicLong(System.nanoTime());

    boolean active() {
        return remainingNanos() > 0;
    }

    long remainingNanos() {
        return Math.max(0, untilNanos.get() - System.nanoTime());
    }

    void extend(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        untilNanos.accumulateAndGet(until, (current, proposed) -> proposed - current > 0 ? proposed : current);
    }
}
