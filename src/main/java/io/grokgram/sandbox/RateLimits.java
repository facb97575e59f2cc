package io.grokgram.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Flood limits the emulator enforces with 429 "Too Many Requests: retry after N". Telegram publishes them only as
 * rough numbers (Bots FAQ): about one message a second per chat, 20 a minute per group, 30 a second per bot. Every
 * sendMessage, editMessageText and sendMessageDraft counts against all limits that apply; once one is exceeded it
 * refuses everything it covers for the {@code retry_after} seconds it announced. Off by default, so tests that do not
 * care about flood control are not slowed by it.
 */
public record RateLimits(boolean enabled, Limit perPrivateChat, Limit perGroup, Limit perBot) {

    /** At most {@code requests} calls in any window of length {@code per}. */
    public record Limit(int requests, Duration per) {
        public Limit {
            Objects.requireNonNull(per, "per");
            if (requests < 1 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException(
                        "a limit needs requests >= 1 and a positive window, got " + requests + " per " + per);
            }
        }
    }

    public RateLimits {
        Objects.requireNonNull(perPrivateChat, "perPrivateChat");
        Objects.requireNonNull(perGroup, "perGroup");
        Objects.requireNonNull(perBot, "perBot");
    }

    /** Telegram's published numbers: 1/s per private chat, 20/min per group, 30/s per bot. */
    public static RateLimits telegram() {
        return new RateLimits(
                true,
                new Limit(1, Duration.ofSeconds(1)),
                new Limit(20, Duration.ofMinutes(1)),
                new Limit(30, Duration.ofSeconds(1)));
    }

    /** No flood control (the default). */
    public static RateLimits off() {
        RateLimits telegram = telegram();
        return new RateLimits(false, telegram.perPrivateChat, telegram.perGroup, telegram.perBot);
    }

    public static RateLimits of(Limit perPrivateChat, Limit perGroup, Limit perBot) {
        return new RateLimits(true, perPrivateChat, perGroup, perBot);
    }
}
