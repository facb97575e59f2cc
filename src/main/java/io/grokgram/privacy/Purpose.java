package io.grokgram.privacy;

/** Why a request goes to a provider; recorded with it. */
public enum Purpose {
    /** Answering the user's message. */
    ANSWER,
    /** Answering the same message again, because the user asked for another answer (the regenerate button). */
    REGENERATE,
    /** Condensing older turns of the same conversation. */
    SUMMARY,
    /** Answering an inline query ({@code @bot question} typed in any chat). */
    INLINE,
    /** Answering in guest mode: the bot called into a chat it is not a member of. */
    GUEST
}
