package io.grokgram.sandbox;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A payment in Telegram Stars as the emulator settled it, at the moment it was read: what the bot's {@code
 * successful_payment} said ({@code chargeId} is its {@code telegram_payment_charge_id}), where that service message
 * sits ({@code messageId} in the user's private chat with the bot) and the update that carried it ({@code updateId},
 * empty if the bot's allowed updates dropped it), e.g. to {@link BotApiEmulator#redeliver} it. {@code refunded} says
 * whether refundStarPayment took it back since.
 */
public record Payment(
        long userId,
        String currency,
        long totalAmount,
        String payload,
        String chargeId,
        Optional<Instant> subscriptionExpires,
        boolean recurring,
        boolean firstRecurring,
        Instant at,
        int messageId,
        OptionalLong updateId,
        boolean refunded) {
    public Payment {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(chargeId, "chargeId");
        Objects.requireNonNull(subscriptionExpires, "subscriptionExpires");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(updateId, "updateId");
    }
}
