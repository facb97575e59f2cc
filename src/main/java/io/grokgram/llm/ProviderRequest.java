package io.grokgram.llm;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A provider-neutral chat request. {@code conversationKey} is a stable, pseudonymous id per conversation that providers
 * which route prompt caches by conversation receive (xAI: header {@code x-grok-conv-id}); it is never a Telegram id.
 */
public record ProviderRequest(
        ModelId model, List<PromptMessage> messages, String conversationKey, OptionalInt maxOutputTokens) {
    public ProviderRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a provider request needs at least one message");
        }
        Objects.requireNonNull(conversationKey, "conversationKey");
        Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
    }

    /** The same request for another model, as a fallback route sends it. */
    public ProviderRequest withModel(ModelId other) {
        return new ProviderRequest(other, messages, conversationKey, maxOutputTokens);
    }
}
