package io.grokgram.telegram;

import java.util.regex.Pattern;

/**
 * A bot token from BotFather. Its {@code toString} is a mask: the token is a password (it is also part of every Bot API
 * URL, which is why no URL of ours is ever logged whole).
 */
public record BotToken(String value) {
    private static final Pattern FORMAT = Pattern.compile("\\d{1,20}:[A-Za-z0-9_-]{20,}");

    public BotToken {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a bot token looks like 123456789:AA… (digits, a colon, 20+ letters)");
        }
    }

    public static boolean looksValid(String candidate) {
        return candidate != null && FORMAT.matcher(candidate).matches();
    }

    /** The bot's own user id: the digits before the colon. */
    public long botId() {
        return Long.parseLong(value.substring(0, value.indexOf(':')));
    }

    /** Replaces every occurrence of the token in a text (an exception message, say) by the mask. */
    public String scrub(String text) {
        return text == null ? "" : text.replace(value, toString());
    }

    @Override
    public String toString() {
        return botId() + ":***";
    }
}
