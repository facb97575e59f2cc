package io.grokgram.privacy;

import java.time.Instant;
import java.util.Objects;

/**
 * One consent given or withdrawn, as recorded: under which policy version, in which language the user read it and which
 * version of that language's text ({@code textVersion}, 0 when not known), when.
 */
public record ConsentRecord(
        DataSubject subject,
        ConsentKind kind,
        boolean granted,
        int policyVersion,
        String language,
        Instant recordedAt,
        int textVersion) {
    public ConsentRecord(
            DataSubject subject,
            ConsentKind kind,
            boolean granted,
            int policyVersion,
            String language,
            Instant recordedAt) {
        this(subject, kind, granted, policyVersion, language, recordedAt, 0);
    }

    public ConsentRecord {
        if (textVersion < 0) {
            throw new IllegalArgumentException("a text version is 0 (unknown) or more, got " + textVersion);
        }
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
