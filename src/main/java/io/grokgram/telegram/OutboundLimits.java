package io.grokgram.telegram;

import java.time.Duration;

/**
 * Telegram's sending limits as the outbound scheduler applies them (Bots FAQ, "My bot is hitting limits, how do I
 * avoid this?": about one message per second in a chat, no more than 20 per minute in a group, about 30 per second in
 * all). {@code sendMessage}, {@code editMessageText} and {@code sendMessageDraft} count against all that apply (a group
 * keeps both the chat pace and the group's); {@code sendChatAction} against the bot's only.
 *
 * <p>Each limit is a token bucket refilled greedily at its rate and counted at the instant a call leaves. The chat and
 * group buckets hold one token: a pace without a burst, so in any interval of length L at most 1 + rate × L calls go to
 * a chat, and 20 a minute is one call every 3 s. The bot's bucket holds {@link #botBurst()} tokens, so a timer that
 * wakes a little late does not cost the bot throughput; at Telegram's 30 a second that is one call ahead, which its
 * "short bursts" allowance covers. The sandbox emulator counts the same way ({@code RateLimits.telegram()}).
 *
 * <p>{@code maxInFlight} bounds the calls on the wire at once. It is what makes the limits hold where Telegram
 * measures them, not only where they leave: a connection that stalls and then delivers everything at once can bunch
 * at most that many calls. Half a second's worth of the bot's rate by default, which the Bot API's answer times never
 * come near, so it costs no throughput.
 */
public record OutboundLimits(
        double perChatPerSecond, int perGroupPerMinute, int perBotPerSecond, int maxAttempts, int maxInFlight) {
    public static final OutboundLimits TELEGRAM = new OutboundLimits(1.0, 20, 30, 5);

    public OutboundLimits {
        if (perChatPerSecond <= 0 || perGroupPerMinute <= 0 || perBotPerSecond <= 0) {
            throw new IllegalArgumentException("outbound limits must be positive");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
    }

    /** These limits with half a second's worth of the bot's rate in flight at most. */
    public OutboundLimits(double perChatPerSecond, int perGroupPerMinute, int perBotPerSecond, int maxAttempts) {
        this(perChatPerSecond, perGroupPerMinute, perBotPerSecond, maxAttempts, Math.max(1, perBotPerSecond / 2));
    }

    /**
     * Tokens in the bot's bucket: 50 ms of its rate, at least two (two at Telegram's 30 a second). A virtual thread's
     * timer on a busy machine wakes a fraction of a millisecond late on average and tens of milliseconds at worst; with
     * one token every late wake-up would cost its lateness in throughput (a fifth of it at 400 calls a second), with
     * these the bot catches up.
     */
    int botBurst() {
        return Math.max(2, (int) Math.ceil(perBotPerSecond * 0.050));
    }

    /** Time between two calls to one chat, rounded up so the scheduler is never faster than the configured rate. */
    Duration chatInterval() {
        return Duration.ofNanos((long) Math.ceil(1_000_000_000L / perChatPerSecond));
    }

    /** Time between two calls to one group under the group limit alone. */
    Duration groupInterval() {
        return Duration.ofMinutes(1).dividedBy(perGroupPerMinute);
    }
}
