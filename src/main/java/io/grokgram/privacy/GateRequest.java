package io.grokgram.privacy;

import io.grokgram.llm.ModelId;
import io.grokgram.llm.ToolSpec;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a room asks of a provider: whose request it is, the messages with their origins, the model, and the
 * conversation's random id (the cache key providers see; never a Telegram id).
 *
 * @param subject the user the request is for: their consent is checked, their pseudonym sent and audited
 * @param tools the functions the model may call this round (empty: it must answer)
 * @param serverSearch whether the provider may search the web itself (a Responses API provider; audited from what it
 *     reports)
 */
public record GateRequest(
        DataSubject subject,
        Purpose purpose,
        ModelId model,
        List<GatedMessage> messages,
        String conversationId,
        OptionalInt maxOutputTokens,
        List<ToolSpec> tools,
        boolean serverSearch) {
    public GateRequest {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
        tools = List.copyOf(tools);
    }

    public GateRequest(
            DataSubject subject,
            Purpose purpose,
            ModelId model,
            List<GatedMessage> messages,
            String conversationId,
            OptionalInt maxOutputTokens) {
        this(subject, purpose, model, messages, conversationId, maxOutputTokens, List.of(), false);
    }
}
