package io.grokgram.telegram;

import java.time.Duration;

/**
 * Telegram's sending limits as the outbound scheduler applies them (Bot FAQ: about one message per second in a chat,
 * 20 per minute in a group, about 30 per second in all). {@code sendMessage}, {@code editMessageText} and {@code
 * sendMessageDraft} all count.
 */
public record OutboundLimits(double perChatPerSecond, int perGroupPerMinute, int perBotPerSecond, int maxAttempts) {
    public static final OutboundLimits TELEGRAM = new OutboundLimits(1.0, 20, 30, 5);

    public OutboundLimits {
        if (perChatPerSecond <= 0 || perGroupPerMinute <= 0 || perBotPerSecond <= 0) {
            throw new IllegalArgumentException("outbound limits must be positive");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    Duration chatInterval() {
        return Duration.ofNanos((long) (1_000_000_000L / perChatPerSecond));
    }
}
