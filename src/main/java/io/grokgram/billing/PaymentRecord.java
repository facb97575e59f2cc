package io.grokgram.billing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A credited payment as kept: {@code userId} is empty once the payer erased their data.
 *
 * @param kind {@code subscription} or {@code pack}
 */
public record PaymentRecord(
        String chargeId,
        Optional<Long> userId,
        String kind,
        String itemId,
        long totalAmount,
        Instant paidAt,
        Optional<Instant> refundedAt) {
    public PaymentRecord {
        Objects.requireNonNull(chargeId, "chargeId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(paidAt, "paidAt");
        Objects.requireNonNull(refundedAt, "refundedAt");
    }
}
