package io.grokgram.billing;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How money is split and guarded.
 *
 * @param providerShareBasisPoints the model provider's share of every receipt in basis points (5000 = 50 %); it gets
 *     {@code floor(gross × bps / 10000)} Stars, the platform the rest
 * @param usdPerStar what a Star is worth in US dollars, for reports only (the ledger books Stars)
 * @param monthlySpendCapNanoUsd provider cost per UTC month after which free turns pause; 0 = no cap
 * @param outOfCreditsPause how long free turns pause after a provider said its credits ran out
 * @param payloadKey the key that signs invoice payloads; empty: a random key kept in the database
 */
public record BillingSettings(
        int providerShareBasisPoints,
        BigDecimal usdPerStar,
        long monthlySpendCapNanoUsd,
        Duration outOfCreditsPause,
        Optional<String> payloadKey) {

    /** Short keys are guessable; 16 characters of a password generator are the least we take. */
    public static final int MIN_KEY_LENGTH = 16;

    public BillingSettings {
        Objects.requireNonNull(usdPerStar, "usdPerStar");
        Objects.requireNonNull(outOfCreditsPause, "outOfCreditsPause");
        Objects.requireNonNull(payloadKey, "payloadKey");
        if (providerShareBasisPoints < 0 || providerShareBasisPoints > 10_000) {
            throw new IllegalArgumentException(
                    "the provider share must be 0 to 10000 basis points, got " + providerShareBasisPoints);
        }
        if (usdPerStar.signum() < 0 || monthlySpendCapNanoUsd < 0 || outOfCreditsPause.isNegative()) {
            throw new IllegalArgumentException("the Star rate, the spend cap and the pause must not be negative");
        }
        if (payloadKey.isPresent() && payloadKey.get().length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("the payload key must have at least " + MIN_KEY_LENGTH + " characters");
        }
    }

    /** 50 % to the provider, 0.013 USD per Star, no spend cap, a one-hour pause, a key kept in the database. */
    public static BillingSettings defaults() {
        return new BillingSettings(5_000, new BigDecimal("0.013"), 0, Duration.ofHours(1), Optional.empty());
    }

    @Override
    public String toString() {
        return "BillingSettings[providerShareBasisPoints=" + providerShareBasisPoints + ", usdPerStar=" + usdPerStar
                + ", monthlySpendCapNanoUsd=" + monthlySpendCapNanoUsd + ", outOfCreditsPause=" + outOfCreditsPause
                + ", payloadKey=" + (payloadKey.isPresent() ? "*****" : "(database)") + "]";
    }
}
