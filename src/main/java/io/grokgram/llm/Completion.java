package io.grokgram.llm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The finished result of a provider call: the whole text, why it ended, usage and timing.
 *
 * @param zeroDataRetention the provider's {@code x-zero-data-retention} response header (xAI sends it on every
 *     response: whether the team has zero data retention); empty when the response had none or it was neither {@code
 *     true} nor {@code false}, and for a call cancelled before its response
 * @param toolCalls the calls the model asked for (with {@link FinishReason#TOOL_CALLS}); empty otherwise
 * @param searches the searches the provider ran itself and reported, for the audit
 */
public record Completion(
        ModelId model,
        String text,
        FinishReason finishReason,
        Usage usage,
        Duration firstTokenAfter,
        Duration took,
        Optional<Boolean> zeroDataRetention,
        List<ToolCall> toolCalls,
        List<ServerSearch> searches) {
    public Completion {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(firstTokenAfter, "firstTokenAfter");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(zeroDataRetention, "zeroDataRetention");
        toolCalls = List.copyOf(toolCalls);
        searches = List.copyOf(searches);
    }

    /** A completion whose response said nothing about retention and carried no tool calls or searches. */
    public Completion(
            ModelId model,
            String text,
            FinishReason finishReason,
            Usage usage,
            Duration firstTokenAfter,
            Duration took) {
        this(model, text, finishReason, usage, firstTokenAfter, took, Optional.empty(), List.of(), List.of());
    }
}
