package io.grokgram.llm;

import java.util.Objects;

/** One message of a provider request, already cleared by the privacy gate. */
public record PromptMessage(Role role, String content) {
    public PromptMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
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
}
