package io.grokgram.assistant;

import io.grokgram.llm.ModelId;
import io.grokgram.telegram.PreviewSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the assistant answers: the model, the persona, the context budget, the output cap, when to preview; how many
 * messages a user may send per minute, how long shutdown waits for turns in flight, how long finished inbox entries
 * are kept.
 * {@code providerName} is how the greeting names the provider users' messages go to. {@code conversationPerGroupUser}
 * gives each user their own conversation inside a group topic instead of one shared by everyone who asks there.
 * {@code miniAppUrl}, when set, is the Mini App the menu button and {@code /settings} open.
 * {@code maxTurns} caps the turns this process runs at once (0: no cap).
 */
public record AssistantSettings(
        ModelId model,
        String providerName,
        String persona,
        int contextTokens,
        int trimStepMessages,
        int maxOutputTokens,
        PreviewSettings previews,
        int floodPerMinute,
        Duration shutdownGrace,
        Duration inboxRetention,
        boolean conversationPerGroupUser,
        Optional<String> miniAppUrl,
        int maxTurns) {
    public AssistantSettings {
        Objects.requireNonNull(miniAppUrl, "miniAppUrl");
        if (maxTurns < 0) {
            throw new IllegalArgumentException("the cap on turns at once is 0 (none) or positive, got " + maxTurns);
        }
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(providerName, "providerName");
        Objects.requireNonNull(persona, "persona");
        Objects.requireNonNull(previews, "previews");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(inboxRetention, "inboxRetention");
        if (floodPerMinute <= 0) {
            throw new IllegalArgumentException("the flood limit must be positive");
        }
        if (contextTokens <= 0 || trimStepMessages <= 0 || maxOutputTokens <= 0) {
            throw new IllegalArgumentException("context budget, trim step and output cap must be positive");
        }
    }
}
