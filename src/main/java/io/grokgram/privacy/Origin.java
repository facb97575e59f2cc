package io.grokgram.privacy;

/**
 * Where a piece of text came from, carried from intake on. The gate decides by this alone whether the text may reach a
 * provider, so a bug elsewhere cannot leak a message of the wrong origin silently.
 */
public enum Origin {
    /** The operator's own text: the persona, a summary instruction. */
    OPERATOR,
    /** A message a user addressed to the assistant (private chat, mention, reply to it, command, inline query). */
    ADDRESSED,
    /** The assistant's own earlier answer in this conversation. */
    ASSISTANT,
    /** The assistant's own condensation of this conversation's older turns (the rolling summary). */
    SUMMARY,
    /** A message the user deliberately quoted to the assistant (replying to it while addressing the assistant). */
    QUOTED_BY_USER,
    /** Text a tool brought in (a search result, a fetched page): data, never instructions. */
    TOOL_RESULT,
    /** Anything else, e.g. other people's messages in a group. Never admitted. */
    OTHER
}
