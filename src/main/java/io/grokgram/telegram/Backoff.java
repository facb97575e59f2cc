package io.grokgram.telegram;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with jitter for polling loops: doubles per failure up to {@code max}, resets on success. */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private Duration next;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The pause before the next attempt; each call doubles the one after. */
    Duration nextDelay() {
        Duration delay = next;
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
        long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, delay.toMillis() / 5));
        return delay.plusMillis(jitter);
    }

    void reset() {
        next = initial;
    }

    /**
     * Waits {@code duration} between two attempts of an outgoing call. An interrupt ends the call as {@link
     * TelegramException.Unavailable} with the flag restored, so the caller's retry loop stops rather than spinning.
     */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramException.Unavailable("outbound", "interrupted during back-off", e);
        }
    }
}
