package io.grokgram.llm;

/** Why a completion ended. */
public enum FinishReason {
    /** The model finished its answer. */
    STOP,
    /** The output token limit cut the answer. */
    LENGTH,
    /** The provider's content filter stopped the answer. */
    CONTENT_FILTER,
    /** Grokgram cancelled the call (the user pressed Stop, or shutdown). */
    CANCELLED,
    /** The model asks for tool calls before it answers. */
    TOOL_CALLS,
    /** Anything the provider reported that we do not model. */
    OTHER
}
