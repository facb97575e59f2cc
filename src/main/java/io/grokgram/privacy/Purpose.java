package io.grokgram.privacy;

/** Why a request goes to a provider; recorded with it. */
public enum Purpose {
    /** Answering the user's message. */
    ANSWER,
    /** Condensing older turns of the same conversation. */
    SUMMARY
}
