package io.grokgram.privacy;

import java.util.Objects;

/**
 * The gate was asked to send something for a user who has not agreed (or no longer agrees) to the current policy's
 * service consent. Nothing was sent; the caller asks the user for consent instead of answering.
 */
public final class ConsentRequiredException extends RuntimeException {
    private final DataSubject subject;
    private final int policyVersion;

    public ConsentRequiredException(DataSubject subject, int policyVersion) {
        super("no service consent under policy version " + policyVersion + " for this user; nothing was sent");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.policyVersion = policyVersion;
    }

    public DataSubject subject() {
        return subject;
    }

    /** The policy version the user has to agree to. */
    public int policyVersion() {
        return policyVersion;
    }
}
