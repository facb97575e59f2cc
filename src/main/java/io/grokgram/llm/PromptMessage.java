package io.grokgram.llm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message of a provider request, already cleared by the privacy gate.
 *
 * @param toolCalls the calls an assistant message asked for (empty for every other role)
 * @param toolCallId the call a {@link Role#TOOL} message answers (present exactly for that role)
 */
public record PromptMessage(Role role, String content, List<ToolCall> toolCalls, Optional<String> toolCallId) {
    public PromptMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        toolCalls = List.copyOf(toolCalls);
        Objects.requireNonNull(toolCallId, "toolCallId");
        if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
            throw new IllegalArgumentException("only an assistant message carries tool calls, not " + role);
        }
        if (toolCallId.isPresent() != (role == Role.TOOL)) {
            throw new IllegalArgumentException("a tool call id goes with a tool message and only with it");
        }
    }

    public PromptMessage(Role role, String content) {
        this(role, content, List.of(), Optional.empty());
    }

    public static PromptMessage system(String content) {
        return new PromptMessage(Role.SYSTEM, content);
    }

    public static PromptMessage user(String content) {
        return new PromptMessage(Role.USER, content);
    }

    public static PromptMessage assistant(String content) {
        return new PromptMessage(Role.ASSISTANT, content);
    }

    public static PromptMessage toolCalls(String content, List<ToolCall> calls) {
        return new PromptMessage(Role.ASSISTANT, content, calls, Optional.empty());
    }

    public static PromptMessage toolResult(String callId, String content) {
        return new PromptMessage(Role.TOOL, content, List.of(), Optional.of(callId));
    }
}
