package io.grokgram.privacy;

import java.time.Instant;
import java.util.Objects;

/**
 * One consent given or withdrawn, as recorded: under which policy version, in which language the user read it, when.
 */
public record ConsentRecord(
        DataSubject subject,
        ConsentKind kind,
        boolean granted,
        int policyVersion,
        String language,
        Instant recordedAt) {
    public ConsentRecord {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    /** Whether this record grants consent under {@code version}: a newer policy has to be agreed to again. */
    public boolean grantsUnder(int version) {
        return granted && policyVersion == version;
    }
}
