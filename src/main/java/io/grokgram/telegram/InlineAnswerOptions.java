package io.grokgram.telegram;

import java.util.Objects;
import java.util.Optional;

/**
 * How Telegram may cache an inline answer and what it shows above the results. {@code cacheSeconds} 0–86400
 * (Telegram's default is 300, which would show one user's LLM answer to the next who types the same query unless
 * {@code personal}); {@link #FRESH} is what an assistant wants.
 */
public record InlineAnswerOptions(int cacheSeconds, boolean personal, Optional<InlineStartButton> button) {
    /** Not cached at all, and personal in case a server caches anyway. */
    public static final InlineAnswerOptions FRESH = new InlineAnswerOptions(0, true, Optional.empty());

    public InlineAnswerOptions {
        Objects.requireNonNull(button, "button");
        if (cacheSeconds < 0 || cacheSeconds > 86_400) {
            throw new IllegalArgumentException("cache time must be 0-86400 s, got " + cacheSeconds);
        }
    }

    public InlineAnswerOptions withButton(InlineStartButton startButton) {
        return new InlineAnswerOptions(cacheSeconds, personal, Optional.of(startButton));
    }
}
