package io.grokgram.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Flood limits the emulator enforces with 429 "Too Many Requests: retry after N", counted the way Grokgram's outbound
 * scheduler counts them ({@code telegram.OutboundLimits}), so a test can prove the scheduler keeps them.
 *
 * <p>The model: every limit is a token bucket refilled greedily at the limit's rate, holding {@code burst} tokens; in
 * any interval of length L it lets through at most burst + rate × L calls. Telegram publishes only rough numbers (Bots
 * FAQ: about one message a second per chat, 20 a minute per group, 30 a second per bot) and tolerates "short bursts"
 * without saying how short: {@link #telegram()} allows none for chats and groups and one call ahead for the bot, the
 * one the scheduler uses so that a timer waking a little late does not cost it throughput.
 *
 * <p>What counts: sendMessage, editMessageText and sendMessageDraft count against the chat's limit (every chat, groups
 * included), the group's limit (groups also) and the bot's. sendChatAction counts against the bot's limit only: Telegram
 * documents nothing for chat actions, and a typing status repeated every few seconds cannot flood a chat. Once a limit
 * refuses a call it stays closed for the whole {@code retry_after} it announced (whole seconds, at least one), like
 * Telegram's flood wait; refused calls are not counted.
 *
 * <p>The network: a sender that keeps the limits at the moment it sends still has its calls arrive a little bunched or
 * reordered. {@code tolerance} is how much delay the emulator forgives: each bucket holds {@code ceil(rate × tolerance)}
 * extra tokens, so a sender that keeps the rate passes as long as no call arrives later than a call sent after it by more
 * than the tolerance, while a sender that really goes faster drains the extra tokens and gets its 429. Zero judges
 * arrival times exactly.
 *
 * <p>Off by default, so tests that do not care about flood control are not slowed by it.
 */
public record RateLimits(boolean enabled, Limit perChat, Limit perGroup, Limit perBot, Duration tolerance) {

    /**
     * A rate of {@code requests} calls per {@code per}, refilled evenly (one token every {@code per / requests}), into a
     * bucket of {@code burst} tokens: at most {@code burst + rate × L} calls in any interval of length L.
     */
    public record Limit(int requests, Duration per, int burst) {
        public Limit {
            Objects.requireNonNull(per, "per");
            if (requests < 1 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException(
                        "a limit needs requests >= 1 and a positive period, got " + requests + " per " + per);
            }
            if (burst < 1) {
                throw new IllegalArgumentException("a limit's burst must be at least 1, got " + burst);
            }
        }

        /** A pace without a burst: one call, then one every {@code per / requests}. */
        public Limit(int requests, Duration per) {
            this(requests, per, 1);
        }

        /** The bucket's size: the burst, plus the calls this rate brings in during {@code tolerance}. */
        long capacity(Duration tolerance) {
            return burst + (long) Math.ceil((double) tolerance.toNanos() * requests / per.toNanos());
        }
    }

    public RateLimits {
        Objects.requireNonNull(perChat, "perChat");
        Objects.requireNonNull(perGroup, "perGroup");
        Objects.requireNonNull(perBot, "perBot");
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative, got " + tolerance);
        }
    }

    /**
     * Telegram's published numbers: 1/s per chat, 20/min per group, 30/s per bot with a burst of two; arrival times
     * judged exactly.
     */
    public static RateLimits telegram() {
        return of(
                new Limit(1, Duration.ofSeconds(1)),
                new Limit(20, Duration.ofMinutes(1)),
                new Limit(30, Duration.ofSeconds(1), 2));
    }

    /** No flood control (the default). */
    public static RateLimits off() {
        RateLimits telegram = telegram();
        return new RateLimits(false, telegram.perChat, telegram.perGroup, telegram.perBot, Duration.ZERO);
    }

    /** These limits, switched on, arrival times judged exactly. */
    public static RateLimits of(Limit perChat, Limit perGroup, Limit perBot) {
        return new RateLimits(true, perChat, perGroup, perBot, Duration.ZERO);
    }

    /** The same limits, forgiving calls that arrive up to {@code tolerance} late relative to later ones. */
    public RateLimits withTolerance(Duration tolerance) {
        return new RateLimits(enabled, perChat, perGroup, perBot, tolerance);
    }
}
