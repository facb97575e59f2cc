package io.grokgram.sandbox;

import java.time.Instant;
import java.util.Objects;

/** A Bot API call the emulator answered with {@code "ok":false}, as sent (method name in the caller's case). */
public record RejectedCall(Instant at, String method, int errorCode, String description) {
    public RejectedCall {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(description, "description");
    }
}
