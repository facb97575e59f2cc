package io.grokgram.llm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A provider-neutral chat request. {@code conversationKey} is a stable, pseudonymous id per conversation that providers
 * which route prompt caches by conversation receive (xAI: header {@code x-grok-conv-id}); it is never a Telegram id.
 *
 * @param user sent as the OpenAI-compatible {@code user} field, which providers use for abuse monitoring: the privacy
 *     gate puts the user's random pseudonym here, never a Telegram id, username or name
 * @param store sent as {@code store}; false asks providers that honour it not to keep the request
 * @param tools functions the model may call this round (empty: none, the model must answer)
 * @param serverSearch whether the provider may run its own web search (only a Responses API provider can; others
 *     ignore it)
 */
public record ProviderRequest(
        ModelId model,
        List<PromptMessage> messages,
        String conversationKey,
        OptionalInt maxOutputTokens,
        Optional<String> user,
        boolean store,
        List<ToolSpec> tools,
        boolean serverSearch) {
    public ProviderRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a provider request needs at least one message");
        }
        Objects.requireNonNull(conversationKey, "conversationKey");
        Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
        Objects.requireNonNull(user, "user");
        if (user.isPresent() && (user.get().isBlank() || user.get().length() > 256)) {
            throw new IllegalArgumentException("a request's user must be 1 to 256 characters, got "
                    + user.get().length());
        }
        tools = List.copyOf(tools);
    }

    public ProviderRequest(
            ModelId model,
            List<PromptMessage> messages,
            String conversationKey,
            OptionalInt maxOutputTokens,
            Optional<String> user,
            boolean store) {
        this(model, messages, conversationKey, maxOutputTokens, user, store, List.of(), false);
    }

    /** A request without a {@code user} that asks not to be stored. */
    public ProviderRequest(
            ModelId model, List<PromptMessage> messages, String conversationKey, OptionalInt maxOutputTokens) {
        this(model, messages, conversationKey, maxOutputTokens, Optional.empty(), false);
    }

    /** The same request for another model, as a fallback route sends it. */
    public ProviderRequest withModel(ModelId other) {
        return new ProviderRequest(other, messages, conversationKey, maxOutputTokens, user, store, tools, serverSearch);
    }
}
