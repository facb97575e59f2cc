package io.grokgram.llm;

import java.time.Duration;
import java.util.Objects;

/** The finished result of a provider call: the whole text, why it ended, usage and timing. */
public record Completion(
        ModelId model, String text, FinishReason finishReason, Usage usage, Duration firstTokenAfter, Duration took) {
    public Completion {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(firstTokenAfter, "firstTokenAfter");
        Objects.requireNonNull(took, "took");
    }
}
