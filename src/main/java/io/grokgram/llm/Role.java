package io.grokgram.llm;

/** Who speaks a prompt message, in the wire API's words. */
public enum Role {
    SYSTEM,
    USER,
    ASSISTANT,
    /** A tool's result, answering one of the assistant's tool calls by id. */
    TOOL
}
