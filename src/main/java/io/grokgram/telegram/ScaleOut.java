package io.grokgram.telegram;

import io.grokgram.shared.SharedState;
import java.util.Objects;

/**
 * Several workers send for one bot: the outbound limits and 429 pauses live in {@code shared}, so together they stay
 * inside Telegram's limits. While Redis is lost each worker falls back to local limits divided by {@code
 * expectedWorkers}, so the bot stays inside them as long as no more workers than that run.
 */
public record ScaleOut(SharedState shared, int expectedWorkers) {
    public ScaleOut {
        Objects.requireNonNull(shared, "shared");
        if (expectedWorkers < 1) {
            throw new IllegalArgumentException("expectedWorkers must be at least 1, got " + expectedWorkers);
        }
    }
}
