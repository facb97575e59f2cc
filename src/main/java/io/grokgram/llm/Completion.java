package io.grokgram.llm;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The finished result of a provider call: the whole text, why it ended, usage and timing.
 *
 * @param zeroDataRetention the provider's {@code x-zero-data-retention} response header (xAI sends it on every
 *     response: whether the team has zero data retention); empty when the response had none or it was neither {@code
 *     true} nor {@code false}, and for a call cancelled before its response
 */
public record Completion(
        ModelId model,
        String text,
        FinishReason finishReason,
        Usage usage,
        Duration firstTokenAfter,
        Duration took,
        Optional<Boolean> zeroDataRetention) {
    public Completion {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(firstTokenAfter, "firstTokenAfter");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(zeroDataRetention, "zeroDataRetention");
    }

    /** A completion whose response said nothing about retention. */
    public Completion(
            ModelId model,
            String text,
            FinishReason finishReason,
            Usage usage,
            Duration firstTokenAfter,
            Duration took) {
        this(model, text, finishReason, usage, firstTokenAfter, took, Optional.empty());
    }
}
