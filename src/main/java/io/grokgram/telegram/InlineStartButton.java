package io.grokgram.telegram;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The button above inline results that opens the private chat with the bot, which receives {@code /start
 * <startParameter>} (e.g. "Open the full chat", "Connect your account"). Telegram allows 1–64 characters of
 * {@code A-Z a-z 0-9 _ -} in the parameter and refuses the whole answer otherwise.
 */
public record InlineStartButton(String text, String startParameter) {
    private static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public InlineStartButton {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(startParameter, "startParameter");
        if (text.isBlank()) {
            throw new IllegalArgumentException("the button above inline results needs a text");
        }
        if (!PARAMETER.matcher(startParameter).matches()) {
            throw new IllegalArgumentException(
                    "a start parameter is 1-64 characters of A-Z a-z 0-9 _ -, got '" + startParameter + "'");
        }
    }
}
