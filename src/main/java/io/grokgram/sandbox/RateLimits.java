package io.grokgram.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Flood limits the emulator enforces with 429 "Too Many Requests: retry after N", counted the way Grokgram's outbound
 * scheduler counts them ({@code telegram.OutboundLimits}), so a test can prove the scheduler keeps them.
 *
 * <p>The model: every limit is a pace without a burst, a token bucket of one token refilled greedily at the limit's
 * rate; in any interval of length L it lets through at most 1 + rate × L calls. Telegram publishes only rough numbers
 * (Bots FAQ: about one message a second per chat, 20 a minute per group, 30 a second per bot) and tolerates "short
 * bursts" without saying how short, so neither side relies on a burst.
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

    /** A rate of {@code requests} calls per {@code per}, paced evenly: one call every {@code per / requests}. */
    public record Limit(int requests, Duration per) {
        public Limit {
            Objects.requireNonNull(per, "per");
            if (requests < 1 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException(
                        "a limit needs requests >= 1 and a positive period, got " + requests + " per " + per);
            }
        }

        /** The bucket's size: one call, plus the calls this rate brings in during {@code tolerance}. */
        long capacity(Duration tolerance) {
            return 1 + (long) Math.ceil((double) tolerance.toNanos() * requests / per.toNanos());
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

    /** Telegram's published numbers: 1/s per chat, 20/min per group, 30/s per bot; arrival times judged exactly. */
    public static RateLimits telegram() {
        return of(
                new Limit(1, Duration.ofSeconds(1)),
                new Limit(20, Duration.ofMinutes(1)),
                new Limit(30, Duration.ofSeconds(1)));
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
