package io.grokgram.assistant;

import io.grokgram.llm.ModelId;
import io.grokgram.telegram.PreviewSettings;
import java.util.Objects;

/**
 * How the assistant answers: the model, the persona, the context budget, the output cap, and when to preview.
 * {@code providerName} is how the greeting names the provider users' messages go to.
 */
public record AssistantSettings(
        ModelId model,
        String providerName,
        String persona,
        int contextTokens,
        int trimStepMessages,
        int maxOutputTokens,
        PreviewSettings previews) {
    public AssistantSettings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(providerName, "providerName");
        Objects.requireNonNull(persona, "persona");
        Objects.requireNonNull(previews, "previews");
        if (contextTokens <= 0 || trimStepMessages <= 0 || maxOutputTokens <= 0) {
            throw new IllegalArgumentException("context budget, trim step and output cap must be positive");
        }
    }
}
