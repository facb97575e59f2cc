package io.grokgram.privacy;

import io.grokgram.llm.ModelId;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a room asks of a provider: the messages with their origins, the model, and the conversation's random id (the
 * cache key providers see; never a Telegram id).
 */
public record GateRequest(
        Purpose purpose,
        ModelId model,
        List<GatedMessage> messages,
        String conversationId,
        OptionalInt maxOutputTokens) {
    public GateRequest {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
    }
}
