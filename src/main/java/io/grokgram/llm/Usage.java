package io.grokgram.llm;

/**
 * Token usage of one provider call. {@code cachedTokens} is the part of {@code promptTokens} served from the provider's
 * prompt cache; {@code reasoningTokens} is billed at the output rate and, on xAI, is not included in {@code
 * completionTokens} (see the xAI reference, "usage fields").
 */
public record Usage(int promptTokens, int cachedTokens, int completionTokens, int reasoningTokens) {
    public static final Usage NONE = new Usage(0, 0, 0, 0);

    public Usage {
        if (promptTokens < 0 || cachedTokens < 0 || completionTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
        if (cachedTokens > promptTokens) {
            throw new IllegalArgumentException(
                    "cached tokens (" + cachedTokens + ") exceed prompt tokens (" + promptTokens + ")");
        }
    }

    public Usage plus(Usage other) {
        return new Usage(
                promptTokens + other.promptTokens,
                cachedTokens + other.cachedTokens,
                completionTokens + other.completionTokens,
                reasoningTokens + other.reasoningTokens);
    }
}
