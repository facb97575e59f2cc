package io.grokgram.assistant;

import io.grokgram.privacy.Origin;
import java.util.Objects;

/** A message of a conversation as stored, with its provenance and its token count (counted once, when stored). */
record StoredMessage(int seq, Origin origin, String content, int tokens, long userId) {
    StoredMessage(int seq, Origin origin, String content, int tokens) {
        this(seq, origin, content, tokens, 0);
    }

    /** How the audit names this message: its place in the conversation. */
    String ref() {
        return "conv:" + seq;
    }

    StoredMessage {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(content, "content");
    }
}
