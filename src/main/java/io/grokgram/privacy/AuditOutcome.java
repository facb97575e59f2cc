package io.grokgram.privacy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How an audited request ended.
 *
 * @param zeroDataRetention the provider's {@code x-zero-data-retention} response header as received; empty when the
 *     response carried none (or the call failed before a response)
 * @param detail the finish reason of an answer, or the kind of failure
 */
public record AuditOutcome(Instant receivedAt, Optional<Boolean> zeroDataRetention, Status status, String detail) {
    public enum Status {
        /** The provider answered. */
        OK,
        /** The provider failed (after any retries and fallbacks). */
        FAILED,
        /** Grokgram stopped the call (the user pressed Stop, or shutdown). */
        CANCELLED
    }

    public AuditOutcome {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(zeroDataRetention, "zeroDataRetention");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }
}
