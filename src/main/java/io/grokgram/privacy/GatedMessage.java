package io.grokgram.privacy;

import io.grokgram.llm.ToolCall;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message offered to the gate, with its origin. The gate, not the caller, decides its role in the request.
 *
 * @param ref which stored message this is, recorded in the audit log instead of the content, e.g. {@code conv:12} (the
 *     twelfth message of the conversation), {@code update:812} (the update being answered) or {@code persona}
 * @param toolCalls for an {@link Origin#ASSISTANT} message of this turn: the tool calls the provider asked for
 * @param toolCallId for an {@link Origin#TOOL_RESULT}: the provider's id of the call it answers
 */
public record GatedMessage(
        String ref, Origin origin, String content, List<ToolCall> toolCalls, Optional<String> toolCallId) {
    public GatedMessage {
        if (ref == null || ref.isBlank() || ref.length() > 200) {
            throw new IllegalArgumentException("a gated message needs a reference of 1 to 200 characters, got " + ref);
        }
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(content, "content");
        toolCalls = List.copyOf(toolCalls);
        Objects.requireNonNull(toolCallId, "toolCallId");
    }

    public GatedMessage(String ref, Origin origin, String content) {
        this(ref, origin, content, List.of(), Optional.empty());
    }

    /** The assistant's request for tool calls, relayed from the provider earlier in this turn. */
    public static GatedMessage toolCalls(String ref, String content, List<ToolCall> calls) {
        return new GatedMessage(ref, Origin.ASSISTANT, content, calls, Optional.empty());
    }

    /** What a tool returned for call {@code callId} of this turn. */
    public static GatedMessage toolResult(String ref, String callId, String content) {
        return new GatedMessage(ref, Origin.TOOL_RESULT, content, List.of(), Optional.of(callId));
    }
}
