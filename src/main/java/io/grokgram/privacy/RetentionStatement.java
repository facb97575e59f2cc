package io.grokgram.privacy;

import java.util.Objects;

/**
 * What one provider keeps of the requests it receives, in words users read in the consent text and in {@code
 * /privacy}, and whether the operator has zero data retention arranged with it. Audit records name the statement each
 * request was sent under.
 *
 * @param provider the provider's short name as the gate knows it, e.g. {@code xai}
 */
public record RetentionStatement(String provider, String text, boolean zeroDataRetention) {
    /**
     * xAI's terms as published (see the xAI reference, data handling): requests and answers are kept encrypted for up
     * to 30 days for abuse monitoring, then deleted, unless the team has zero data retention; no training without
     * permission.
     */
    static final String XAI_DEFAULT = "xAI keeps the requests it receives and its answers, encrypted, for up to 30 days"
            + " to detect abuse, then deletes them; this is independent of what Grokgram deletes. xAI does not train"
            + " models on them without permission.";

    static final String XAI_ZERO_DATA_RETENTION = "This bot's xAI team has zero data retention: xAI does not keep the"
            + " requests it receives or its answers once it has answered. xAI does not train models on them without"
            + " permission.";

    public RetentionStatement {
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException("a retention statement names its provider");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the retention statement of " + provider + " must not be blank");
        }
    }

    /** xAI's statement, with or without zero data retention arranged. */
    public static RetentionStatement xai(boolean zeroDataRetention) {
        return new RetentionStatement(
                "xai", zeroDataRetention ? XAI_ZERO_DATA_RETENTION : XAI_DEFAULT, zeroDataRetention);
    }

    /**
     * For a provider the operator has not described: says so rather than guessing. The operator should configure a
     * real statement before users are asked to agree.
     */
    public static RetentionStatement unknown(String provider) {
        Objects.requireNonNull(provider, "provider");
        return new RetentionStatement(
                provider,
                "Requests are sent to " + provider + ", which keeps them under its own terms; the operator of this bot"
                        + " has not described them.",
                false);
    }
}
