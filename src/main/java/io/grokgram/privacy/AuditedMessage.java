package io.grokgram.privacy;

import java.util.Objects;

/** A message of an audited request, by reference only (never its content), with the origin it was judged by. */
public record AuditedMessage(String ref, Origin origin) {
    public AuditedMessage {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(origin, "origin");
    }
}
