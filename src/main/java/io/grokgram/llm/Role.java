package io.grokgram.llm;

/** Who speaks a prompt message, in the wire API's words. */
public enum Role {
    SYSTEM,
    USER,
    ASSISTANT
}
