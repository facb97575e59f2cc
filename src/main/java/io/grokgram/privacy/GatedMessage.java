package io.grokgram.privacy;

import java.util.Objects;

/**
 * A message offered to the gate, with its origin. The gate, not the caller, decides its role in the request.
 *
 * @param ref which stored message this is, recorded in the audit log instead of the content, e.g. {@code conv:12} (the
 *     twelfth message of the conversation), {@code update:812} (the update being answered) or {@code persona}
 */
public record GatedMessage(String ref, Origin origin, String content) {
    public GatedMessage {
        if (ref == null || ref.isBlank() || ref.length() > 200) {
            throw new IllegalArgumentException("a gated message needs a reference of 1 to 200 characters, got " + ref);
        }
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(content, "content");
    }
}
