package io.grokgram.billing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A successful payment as Telegram reported it ({@code successful_payment}).
 *
 * @param chargeId {@code telegram_payment_charge_id}: the key that makes crediting idempotent
 * @param subscriptionExpires {@code subscription_expiration_date}, for subscription payments
 * @param recurring {@code is_recurring}: a subscription payment (the first or a renewal)
 */
public record Payment(
        long userId,
        String currency,
        long totalAmount,
        String payload,
        String chargeId,
        Optional<Instant> subscriptionExpires,
        boolean recurring) {
    public Payment {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(chargeId, "chargeId");
        Objects.requireNonNull(subscriptionExpires, "subscriptionExpires");
        if (chargeId.isBlank()) {
            throw new IllegalArgumentException("a payment needs its charge id");
        }
    }
}
