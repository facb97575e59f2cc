package io.grokgram.privacy;

import java.util.Objects;

/** A message offered to the gate, with its origin. The gate, not the caller, decides its role in the request. */
public record GatedMessage(Origin origin, String content) {
    public GatedMessage {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(content, "content");
    }
}
